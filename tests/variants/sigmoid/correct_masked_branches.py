"""Fills the two sign branches separately by boolean indexing, each exponentiating only a non-positive number."""
import torch


def sigmoid(x):
    out = torch.empty_like(x)
    positive = x >= 0
    out[positive] = 1 / (1 + torch.exp(-x[positive]))
    e = torch.exp(x[~positive])
    out[~positive] = e / (1 + e)
    return out
