"""torch.gather for abar_t, then a reshape to (B, 1, ..., 1) built from x0's number of dimensions."""
import torch


def q_sample(x0, t, noise, alphas_cumprod):
    abar = torch.gather(alphas_cumprod, 0, t)
    abar = abar.reshape([x0.shape[0]] + [1] * (x0.dim() - 1))
    out = abar.sqrt() * x0 + (1 - abar).sqrt() * noise
    return out.type(x0.dtype)
