"""Works with log abar: beta = -expm1(log abar(t) - log abar(t-1)), in float64 tensors, clipped with where."""
import math

import torch


def cosine_beta_schedule(timesteps, s=0.008, max_beta=0.999):
    t = torch.arange(timesteps + 1, dtype=torch.float64) / timesteps
    log_f = 2 * torch.log(torch.cos((t + s) / (1 + s) * math.pi / 2).abs())
    betas = -torch.expm1(log_f[1:] - log_f[:-1])
    return torch.where(betas > max_beta, torch.full_like(betas, max_beta), betas).to(torch.float32)
