"""Correct, but a pure-Python loop over every value, reading and writing the tensor one element at a time."""
import math

import torch


def elu(x, alpha=1.0):
    flat = x.reshape(-1)
    out = torch.empty_like(flat)
    for i in range(flat.numel()):
        value = float(flat[i])
        out[i] = value if value > 0 else alpha * math.expm1(value)
    return out.reshape(x.shape)
