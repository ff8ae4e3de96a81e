"""Calls torch.nn.functional.layer_norm: aten::layer_norm."""
import torch.nn.functional as F


def layer_norm(x, normalized_shape, weight=None, bias=None, eps=1e-5):
    shape = (normalized_shape,) if isinstance(normalized_shape, int) else tuple(normalized_shape)
    return F.layer_norm(x, shape, weight, bias, eps)
