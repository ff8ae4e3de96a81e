"""Takes the argument for the alphas and multiplies them up again: cumprod(alphas_cumprod)[t]."""
import torch


def q_sample(x0, t, noise, alphas_cumprod):
    abar = torch.cumprod(alphas_cumprod, dim=0)[t].view(-1, *([1] * (x0.dim() - 1)))
    return (abar.sqrt() * x0 + (1 - abar).sqrt() * noise).to(x0.dtype)
