"""The loop formula without a guard: a single-step schedule divides by T - 1 = 0 (ZeroDivisionError)."""
import torch


def linear_beta_schedule(timesteps, beta_start=1e-4, beta_end=0.02):
    step = (beta_end - beta_start) / (timesteps - 1)
    return torch.tensor([beta_start + i * step for i in range(timesteps)], dtype=torch.float32)
