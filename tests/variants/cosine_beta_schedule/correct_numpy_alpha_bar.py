"""The improved-DDPM code's way: a function alpha_bar(t in [0, 1]) and a loop in numpy float64."""
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
