"""Uses torch.var's default, the unbiased variance (divides by N - 1)."""
import torch


def layer_norm(x, normalized_shape, weight=None, bias=None, eps=1e-5):
    shape = (normalized_shape,) if isinstance(normalized_shape, int) else tuple(normalized_shape)
    dims = tuple(range(-len(shape), 0))
    y = (x - x.mean(dim=dims, keepdim=True)) / torch.sqrt(x.var(dim=dims, keepdim=True) + eps)
    if weight is not None:
        y = y * weight
    if bias is not None:
        y = y + bias
    return y
