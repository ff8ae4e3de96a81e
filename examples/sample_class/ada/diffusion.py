"""ada's diffusion.py (sample submission, built by examples/build_sample_class.py)."""
from __future__ import annotations


# linear_beta_schedule/correct_numpy: numpy's linspace in float64, then torch.from_numpy and a cast to float32.
import numpy as np
import torch


def linear_beta_schedule(timesteps, beta_start=1e-4, beta_end=0.02):
    return torch.from_numpy(np.linspace(beta_start, beta_end, timesteps)).to(torch.float32)


# cosine_beta_schedule/correct_math_loop: Python floats and the math module: abar(t) for t = 0..T in a list, then the ratios.
import math

import torch


def cosine_beta_schedule(timesteps: int, s: float = 0.008, max_beta: float = 0.999) -> torch.Tensor:
    f = [math.cos(((t / timesteps + s) / (1 + s)) * (math.pi / 2)) ** 2 for t in range(timesteps + 1)]
    alpha_bar = [value / f[0] for value in f]
    betas = []
    for t in range(1, timesteps + 1):
        beta = 1 - alpha_bar[t] / alpha_bar[t - 1]
        betas.append(beta if beta < max_beta else max_beta)
    return torch.tensor(betas, dtype=torch.float32)


# q_sample/correct_gather_reshape: torch.gather for abar_t, then a reshape to (B, 1, ..., 1) built from x0's number of dimensions.
import torch


def q_sample(x0, t, noise, alphas_cumprod):
    abar = torch.gather(alphas_cumprod, 0, t)
    abar = abar.reshape([x0.shape[0]] + [1] * (x0.dim() - 1))
    out = abar.sqrt() * x0 + (1 - abar).sqrt() * noise
    return out.type(x0.dtype)
