"""Adds eps to the standard deviation, (x - mean) / (sqrt(var) + eps), instead of inside the root."""
import torch


def layer_norm(x, normalized_shape, weight=None, bias=None, eps=1e-5):
    shape = (normalized_shape,) if isinstance(normalized_shape, int) else tuple(normalized_shape)
    dims = tuple(range(-len(shape), 0))
    mean = x.mean(dim=dims, keepdim=True)
    std = ((x - mean) ** 2).mean(dim=dims, keepdim=True).sqrt()
    y = (x - mean) / (std + eps)
    if weight is not None:
        y = y * weight
    if bias is not None:
        y = y + bias
    return y
