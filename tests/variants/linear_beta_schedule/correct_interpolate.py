"""Interpolates between the ends with weights arange(T) / (T - 1), computed in float64."""
import torch


def linear_beta_schedule(timesteps: int, beta_start: float = 1e-4, beta_end: float = 0.02) -> torch.Tensor:
    weight = torch.arange(timesteps, dtype=torch.float64) / max(timesteps - 1, 1)
    return ((1 - weight) * beta_start + weight * beta_end).float()
