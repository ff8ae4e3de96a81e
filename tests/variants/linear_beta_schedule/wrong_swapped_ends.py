"""Swaps the ends: the schedule runs from beta_end down to beta_start."""
import torch


def linear_beta_schedule(timesteps, beta_start=1e-4, beta_end=0.02):
    return torch.linspace(beta_end, beta_start, timesteps)
