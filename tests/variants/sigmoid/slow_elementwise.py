"""Correct, but a pure-Python loop over every value, reading and writing the tensor one element at a time."""
import math

import torch


def sigmoid(x):
    flat = x.reshape(-1)
    out = torch.empty_like(flat)
    for i in range(flat.numel()):
        value = float(flat[i])
        if value >= 0:
            out[i] = 1 / (1 + math.exp(-value))
        else:
            e = math.exp(value)
            out[i] = e / (1 + e)
    return out.reshape(x.shape)
