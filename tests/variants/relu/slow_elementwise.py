"""Correct, but a pure-Python loop over every value, reading and writing the tensor one element at a time."""
import torch


def relu(x):
    flat = x.reshape(-1)
    out = torch.empty_like(flat)
    for i in range(flat.numel()):
        value = float(flat[i])
        out[i] = value if value > 0 else 0.0
    return out.reshape(x.shape)
