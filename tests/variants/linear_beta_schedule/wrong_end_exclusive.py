"""Off by one: T + 1 points from start to end, dropping the last, so beta_end is never reached."""
import torch


def linear_beta_schedule(timesteps, beta_start=1e-4, beta_end=0.02):
    return torch.linspace(beta_start, beta_end, timesteps + 1)[:-1]
