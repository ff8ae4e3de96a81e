"""Divides by sqrt(abar_t) where Algorithm 2 has sqrt(alpha_t): alpha-bar and alpha confused."""
import torch


def ddpm_step(x_t, t, eps, betas, noise):
    shape = (-1,) + (1,) * (x_t.dim() - 1)
    abar = torch.cumprod(1 - betas, 0)[t].reshape(shape)
    beta = betas[t].reshape(shape)
    mean = (x_t - beta / (1 - abar).sqrt() * eps) / abar.sqrt()
    keep = (torch.as_tensor(t) > 0).reshape(shape).to(x_t.device)
    return (mean + keep * beta.sqrt() * noise).to(x_t.dtype)
