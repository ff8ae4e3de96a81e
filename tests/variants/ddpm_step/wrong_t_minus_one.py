"""Reads t as the paper's 1-based index: betas[t - 1] and abar[t - 1] (t = 0 wraps round to the last step)."""
import torch


def ddpm_step(x_t, t, eps, betas, noise):
    shape = (-1,) + (1,) * (x_t.dim() - 1)
    abar = torch.cumprod(1 - betas, 0)[t - 1].reshape(shape)
    beta = betas[t - 1].reshape(shape)
    mean = (x_t - beta / (1 - abar).sqrt() * eps) / (1 - beta).sqrt()
    keep = (torch.as_tensor(t) > 0).reshape(shape).to(x_t.device)
    return (mean + keep * beta.sqrt() * noise).to(x_t.dtype)
