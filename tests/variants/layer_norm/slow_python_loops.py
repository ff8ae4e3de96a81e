"""Correct, but every group's mean, variance and every output element are Python loops over Python floats."""
import math

import torch


def layer_norm(x, normalized_shape, weight=None, bias=None, eps=1e-5):
    shape = (normalized_shape,) if isinstance(normalized_shape, int) else tuple(normalized_shape)
    n = math.prod(shape)
    rows = x.reshape(-1, n).tolist()
    w = [1.0] * n if weight is None else weight.reshape(-1).tolist()
    b = [0.0] * n if bias is None else bias.reshape(-1).tolist()
    out = []
    for row in rows:
        mean = 0.0
        for v in row:
            mean += v
        mean /= n
        var = 0.0
        for v in row:
            var += (v - mean) ** 2
        var /= n
        inv = 1.0 / math.sqrt(var + eps)
        out.append([(v - mean) * inv * w[k] + b[k] for k, v in enumerate(row)])
    return torch.tensor(out, dtype=x.dtype, device=x.device).reshape(x.shape)
