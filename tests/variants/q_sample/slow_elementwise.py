"""Correct, but a pure-Python loop over every single value, reading and writing the tensors one element at a time."""
import math

import torch


def q_sample(x0, t, noise, alphas_cumprod):
    batch = x0.shape[0]
    flat_x0 = x0.reshape(batch, -1)
    flat_noise = noise.reshape(batch, -1)
    out = torch.empty(flat_x0.shape, dtype=x0.dtype, device=x0.device)
    for b in range(batch):
        abar = float(alphas_cumprod[int(t[b])])
        for j in range(flat_x0.shape[1]):
            out[b, j] = math.sqrt(abar) * float(flat_x0[b, j]) + math.sqrt(1 - abar) * float(flat_noise[b, j])
    return out.reshape(x0.shape)
