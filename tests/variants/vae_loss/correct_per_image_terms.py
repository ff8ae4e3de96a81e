"""Both terms per image first (the cross-entropy from torch.maximum-clamped logs of x_recon and 1 - x_recon,
the KL as (sigma^2 + mu^2 - 1 - log sigma^2) / 2 per latent), then summed over the batch."""
import torch


def vae_loss(x_recon, x, mu, logvar):
    floor = torch.full_like(x_recon, -100.0)
    log_p = torch.maximum(torch.log(x_recon), floor)
    log_q = torch.maximum(torch.log(1 - x_recon), floor)
    per_pixel = -(x * log_p + (1 - x) * log_q)
    bce_per_image = per_pixel.reshape(x.shape[0], -1).sum(dim=1)
    kl_per_image = ((torch.exp(logvar) + mu ** 2 - 1 - logvar) / 2).sum(dim=1)
    return (bce_per_image + kl_per_image).sum()
