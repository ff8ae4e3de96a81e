"""A sampling loop's `if t > 0:`: right for an int t, but a tensor of several steps has no single truth value."""
import torch


def ddpm_step(x_t, t, eps, betas, noise):
    shape = (-1,) + (1,) * (x_t.dim() - 1)
    abar = torch.cumprod(1 - betas, 0)[t].reshape(shape)
    beta = betas[t].reshape(shape)
    out = (x_t - beta / (1 - abar).sqrt() * eps) / (1 - beta).sqrt()
    if t > 0:
        out = out + beta.sqrt() * noise
    return out.to(x_t.dtype)
