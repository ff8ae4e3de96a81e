"""Uses arange with step (end - start) / T: end exclusive, and float rounding can even add a step."""
import torch


def linear_beta_schedule(timesteps, beta_start=1e-4, beta_end=0.02):
    return torch.arange(beta_start, beta_end, (beta_end - beta_start) / timesteps, dtype=torch.float32)
