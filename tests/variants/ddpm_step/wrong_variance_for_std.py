"""Scales the noise by beta_t, the variance, instead of its square root."""
import torch


def ddpm_step(x_t, t, eps, betas, noise):
    shape = (-1,) + (1,) * (x_t.dim() - 1)
    abar = torch.cumprod(1 - betas, 0)[t].reshape(shape)
    beta = betas[t].reshape(shape)
    mean = (x_t - beta / (1 - abar).sqrt() * eps) / (1 - beta).sqrt()
    keep = (torch.as_tensor(t) > 0).reshape(shape).to(x_t.device)
    return (mean + keep * beta * noise).to(x_t.dtype)
