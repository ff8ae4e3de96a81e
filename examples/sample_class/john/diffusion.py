"""john's diffusion.py (sample submission, built by examples/build_sample_class.py)."""
from __future__ import annotations


# linear_beta_schedule/wrong_end_exclusive: Off by one: T + 1 points from start to end, dropping the last, so beta_end is never reached.
import torch


def linear_beta_schedule(timesteps, beta_start=1e-4, beta_end=0.02):
    return torch.linspace(beta_start, beta_end, timesteps + 1)[:-1]


# cosine_beta_schedule/correct_numpy_alpha_bar: The improved-DDPM code's way: a function alpha_bar(t in [0, 1]) and a loop in numpy float64.
import math

import numpy as np
import torch


def cosine_beta_schedule(timesteps, s=0.008, max_beta=0.999):
    def alpha_bar(u):
        return math.cos((u + s) / (1 + s) * math.pi / 2) ** 2

    betas = np.empty(timesteps, dtype=np.float64)
    for i in range(timesteps):
        betas[i] = min(1 - alpha_bar((i + 1) / timesteps) / alpha_bar(i / timesteps), max_beta)
    return torch.from_numpy(betas).to(torch.float32)


# q_sample/wrong_images_only: Reshapes the coefficients with view(-1, 1, 1, 1): right for (B, C, H, W) images only.
def q_sample(x0, t, noise, alphas_cumprod):
    abar = alphas_cumprod[t].view(-1, 1, 1, 1)
    return (abar.sqrt() * x0 + (1 - abar).sqrt() * noise).to(x0.dtype)
