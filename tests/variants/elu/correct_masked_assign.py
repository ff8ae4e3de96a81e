"""Replaces the non-positive entries of a copy, by boolean indexing, with alpha * (exp(x) - 1)."""
import torch


def elu(x, alpha=1.0):
    out = x.clone()
    negative = x <= 0
    out[negative] = alpha * (torch.exp(x[negative]) - 1)
    return out
