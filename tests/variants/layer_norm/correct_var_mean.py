"""torch.var_mean with correction=0 over the normalised dims, then one rsqrt."""
import torch


def layer_norm(x, normalized_shape, weight=None, bias=None, eps=1e-5):
    shape = (normalized_shape,) if isinstance(normalized_shape, int) else tuple(normalized_shape)
    dims = list(range(x.dim() - len(shape), x.dim()))
    var, mean = torch.var_mean(x, dim=dims, correction=0, keepdim=True)
    y = (x - mean) * torch.rsqrt(var + eps)
    if weight is not None:
        y = y * weight
    if bias is not None:
        y = y + bias
    return y
