"""Returns abar(1..T), the cumulative product, instead of the betas."""
import math

import torch


def cosine_beta_schedule(timesteps, s=0.008, max_beta=0.999):
    t = torch.arange(1, timesteps + 1, dtype=torch.float64)
    f0 = math.cos(s / (1 + s) * math.pi / 2) ** 2
    return (torch.cos((t / timesteps + s) / (1 + s) * math.pi / 2) ** 2 / f0).float()
