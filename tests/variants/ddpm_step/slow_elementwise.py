"""Correct, but a pure-Python loop over every single value, reading and writing the tensors one element at a time."""
import math

import torch


def ddpm_step(x_t, t, eps, betas, noise):
    batch = x_t.shape[0]
    flat_x, flat_eps, flat_z = x_t.reshape(batch, -1), eps.reshape(batch, -1), noise.reshape(batch, -1)
    out = torch.empty(flat_x.shape, dtype=x_t.dtype, device=x_t.device)
    for b in range(batch):
        step = int(t[b]) if hasattr(t, "shape") else t
        abar = 1.0
        for s in range(step + 1):
            abar *= 1 - float(betas[s])
        beta = float(betas[step])
        sigma = math.sqrt(beta) if step > 0 else 0.0
        for j in range(flat_x.shape[1]):
            mean = (float(flat_x[b, j]) - beta / math.sqrt(1 - abar) * float(flat_eps[b, j])) / math.sqrt(1 - beta)
            out[b, j] = mean + sigma * float(flat_z[b, j])
    return out.reshape(x_t.shape)
