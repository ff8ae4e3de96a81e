"""Python floats and the math module: abar(t) for t = 0..T in a list, then the ratios."""
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
