"""Defaults eps to 1e-12 (BERT's layer_norm_eps) instead of PyTorch's 1e-5."""
import torch


def layer_norm(x, normalized_shape, weight=None, bias=None, eps=1e-12):
    shape = (normalized_shape,) if isinstance(normalized_shape, int) else tuple(normalized_shape)
    dims = tuple(range(-len(shape), 0))
    mean = x.mean(dim=dims, keepdim=True)
    var = ((x - mean) ** 2).mean(dim=dims, keepdim=True)
    y = (x - mean) / torch.sqrt(var + eps)
    if weight is not None:
        y = y * weight
    if bias is not None:
        y = y + bias
    return y
