"""Draws one decision per column (the last axis) and shares it across every row: whole features dropped
together, not independent elements."""
import torch


def dropout(x, p, training=True, generator=None):
    if not training:
        return x
    if p == 1:
        return torch.zeros_like(x)
    keep = torch.rand(x.shape[-1], generator=generator, dtype=x.dtype, device=x.device) >= p
    return x * keep / (1 - p)
