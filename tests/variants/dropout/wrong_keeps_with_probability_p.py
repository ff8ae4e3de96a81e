"""Keeps each element with probability p (rand < p), where p is the probability of dropping it."""
import torch


def dropout(x, p, training=True, generator=None):
    if not training:
        return x
    if p == 1:
        return torch.zeros_like(x)
    keep = torch.rand(x.shape, generator=generator, dtype=x.dtype, device=x.device) < p
    return torch.where(keep, x / (1 - p), 0.0)
