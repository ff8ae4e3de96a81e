"""Off by one: computes abar for t = 0..T-1 and prepends abar = 1, so it returns beta_0 = 0, beta_1 .. beta_{T-1}."""
import math

import torch


def cosine_beta_schedule(timesteps, s=0.008, max_beta=0.999):
    t = torch.arange(timesteps, dtype=torch.float64)
    f = torch.cos((t / timesteps + s) / (1 + s) * math.pi / 2) ** 2
    alpha_bar = f / f[0]
    previous = torch.cat([torch.ones(1, dtype=torch.float64), alpha_bar[:-1]])
    betas = 1 - alpha_bar / previous
    return betas.clamp(max=max_beta).float()
