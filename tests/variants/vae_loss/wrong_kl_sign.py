"""Drops the minus sign of the KL term: the loss then rewards codes far from N(0, 1)."""
import torch


def vae_loss(x_recon, x, mu, logvar):
    bce = -(x * torch.log(x_recon).clamp(min=-100) + (1 - x) * torch.log(1 - x_recon).clamp(min=-100)).sum()
    kl = 0.5 * torch.sum(1 + logvar - mu ** 2 - logvar.exp())
    return bce + kl
