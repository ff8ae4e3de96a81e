"""A Python loop over the batch: each item is scaled by its own two scalars."""
import torch


def q_sample(x0, t, noise, alphas_cumprod):
    out = torch.empty_like(x0)
    for b in range(x0.shape[0]):
        abar = alphas_cumprod[t[b]]
        out[b] = abar.sqrt() * x0[b] + (1 - abar).sqrt() * noise[b]
    return out
