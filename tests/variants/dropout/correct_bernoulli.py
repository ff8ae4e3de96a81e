"""Correct: a keep-mask from torch.bernoulli with probability 1 - p, the kept elements divided by 1 - p."""
import torch


def dropout(x, p, training=True, generator=None):
    if not training or p == 0:
        return x
    if p == 1:
        return x * 0
    keep = torch.bernoulli(torch.full_like(x, 1 - p), generator=generator)
    return x * keep / (1 - p)
