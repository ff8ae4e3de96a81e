"""Computes in float32 throughout: near t = T the cosine is tiny and the last betas lose ~4 digits."""
import math

import torch


def cosine_beta_schedule(timesteps, s=0.008, max_beta=0.999):
    t = torch.linspace(0, timesteps, timesteps + 1)
    f = torch.cos((t / timesteps + s) / (1 + s) * math.pi / 2) ** 2
    alpha_bar = f / f[0]
    return (1 - alpha_bar[1:] / alpha_bar[:-1]).clamp(max=max_beta)
