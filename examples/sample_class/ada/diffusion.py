"""ada's diffusion.py (sample submission, built by examples/build_sample_class.py)."""
from __future__ import annotations


# linear_beta_schedule/correct_interpolate: Interpolates between the ends with weights arange(T) / (T - 1), computed in float64.
import torch


def linear_beta_schedule(timesteps: int, beta_start: float = 1e-4, beta_end: float = 0.02) -> torch.Tensor:
    weight = torch.arange(timesteps, dtype=torch.float64) / max(timesteps - 1, 1)
    return ((1 - weight) * beta_start + weight * beta_end).float()


# cosine_beta_schedule/correct_log_space: Works with log abar: beta = -expm1(log abar(t) - log abar(t-1)), in float64 tensors, clipped with where.
import math

import torch


def cosine_beta_schedule(timesteps, s=0.008, max_beta=0.999):
    t = torch.arange(timesteps + 1, dtype=torch.float64) / timesteps
    log_f = 2 * torch.log(torch.cos((t + s) / (1 + s) * math.pi / 2).abs())
    betas = -torch.expm1(log_f[1:] - log_f[:-1])
    return torch.where(betas > max_beta, torch.full_like(betas, max_beta), betas).to(torch.float32)


# q_sample/correct_batch_loop: A Python loop over the batch: each item is scaled by its own two scalars.
import torch


def q_sample(x0, t, noise, alphas_cumprod):
    out = torch.empty_like(x0)
    for b in range(x0.shape[0]):
        abar = alphas_cumprod[t[b]]
        out[b] = abar.sqrt() * x0[b] + (1 - abar).sqrt() * noise[b]
    return out
