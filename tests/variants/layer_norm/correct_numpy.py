"""Computes in numpy float64 and casts the result back to the input's dtype and device."""
import numpy as np
import torch


def layer_norm(x, normalized_shape, weight=None, bias=None, eps=1e-5):
    k = 1 if isinstance(normalized_shape, int) else len(normalized_shape)
    a = x.detach().cpu().double().numpy()
    axes = tuple(range(a.ndim - k, a.ndim))
    mean = a.mean(axis=axes, keepdims=True)
    var = ((a - mean) ** 2).mean(axis=axes, keepdims=True)
    y = (a - mean) / np.sqrt(var + eps)
    if weight is not None:
        y = y * weight.detach().cpu().double().numpy()
    if bias is not None:
        y = y + bias.detach().cpu().double().numpy()
    return torch.from_numpy(y).to(dtype=x.dtype, device=x.device)
