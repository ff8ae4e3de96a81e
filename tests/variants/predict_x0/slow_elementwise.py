"""Correct, but a pure-Python loop over every single value, reading and writing the tensors one element at a time."""
import math

import torch


def predict_x0(x_t, t, eps, alphas_cumprod):
    batch = x_t.shape[0]
    flat_x = x_t.reshape(batch, -1)
    flat_eps = eps.reshape(batch, -1)
    out = torch.empty(flat_x.shape, dtype=x_t.dtype, device=x_t.device)
    for b in range(batch):
        abar = float(alphas_cumprod[int(t[b]) if hasattr(t, "shape") else t])
        for j in range(flat_x.shape[1]):
            out[b, j] = (float(flat_x[b, j]) - math.sqrt(1 - abar) * float(flat_eps[b, j])) / math.sqrt(abar)
    return out.reshape(x_t.shape)
