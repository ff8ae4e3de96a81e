"""Correct, but a pure-Python loop over every value, reading and writing the tensor one element at a time."""
import torch


def leaky_relu(x, negative_slope=0.01):
    flat = x.reshape(-1)
    out = torch.empty_like(flat)
    for i in range(flat.numel()):
        value = flat[i]
        out[i] = value if value > 0 else value * negative_slope
    return out.reshape(x.shape)
