"""Averages where the VAE sums: the cross-entropy over every pixel (nn.BCELoss's default), the KL over the
batch."""
import torch


def vae_loss(x_recon, x, mu, logvar):
    bce = -(x * torch.log(x_recon).clamp(min=-100) + (1 - x) * torch.log(1 - x_recon).clamp(min=-100)).mean()
    kl = -0.5 * torch.sum(1 + logvar - mu ** 2 - logvar.exp()) / mu.shape[0]
    return bce + kl
