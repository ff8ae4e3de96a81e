"""Adds sqrt(beta_t) * noise at every step, the last one (t = 0) included."""
import torch


def ddpm_step(x_t, t, eps, betas, noise):
    shape = (-1,) + (1,) * (x_t.dim() - 1)
    abar = torch.cumprod(1 - betas, 0)[t].reshape(shape)
    beta = betas[t].reshape(shape)
    mean = (x_t - beta / (1 - abar).sqrt() * eps) / (1 - beta).sqrt()
    return (mean + beta.sqrt() * noise).to(x_t.dtype)
