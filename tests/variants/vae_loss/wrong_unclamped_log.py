"""Takes the logs without clamping them at -100: a reconstruction of exactly 0 or 1 gives inf or NaN."""
import torch


def vae_loss(x_recon, x, mu, logvar):
    bce = -(x * torch.log(x_recon) + (1 - x) * torch.log(1 - x_recon)).sum()
    kl = -0.5 * torch.sum(1 + logvar - mu ** 2 - logvar.exp())
    return bce + kl
