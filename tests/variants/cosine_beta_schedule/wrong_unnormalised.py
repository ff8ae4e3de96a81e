"""Takes abar(t) = f(t) without dividing by f(0), but abar(0) = 1: the first beta comes out too large."""
import math

import torch


def cosine_beta_schedule(timesteps, s=0.008, max_beta=0.999):
    t = torch.arange(1, timesteps + 1, dtype=torch.float64)
    alpha_bar = torch.cos((t / timesteps + s) / (1 + s) * math.pi / 2) ** 2
    previous = torch.cat([torch.ones(1, dtype=torch.float64), alpha_bar[:-1]])
    return (1 - alpha_bar / previous).clamp(max=max_beta).float()
