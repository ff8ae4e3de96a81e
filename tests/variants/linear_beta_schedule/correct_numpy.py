"""numpy's linspace in float64, then torch.from_numpy and a cast to float32."""
import numpy as np
import torch


def linear_beta_schedule(timesteps, beta_start=1e-4, beta_end=0.02):
    return torch.from_numpy(np.linspace(beta_start, beta_end, timesteps)).to(torch.float32)
