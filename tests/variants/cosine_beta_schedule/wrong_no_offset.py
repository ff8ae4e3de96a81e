"""Drops the offset s: f(t) = cos^2(t / T * pi / 2)."""
import math

import torch


def cosine_beta_schedule(timesteps, s=0.008, max_beta=0.999):
    t = torch.arange(timesteps + 1, dtype=torch.float64)
    alpha_bar = torch.cos(t / timesteps * math.pi / 2) ** 2
    betas = 1 - alpha_bar[1:] / alpha_bar[:-1]
    return betas.clamp(max=max_beta).float()
