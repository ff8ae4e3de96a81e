"""An explicit Python loop over the steps, with the single-step schedule handled on its own."""
import torch


def linear_beta_schedule(timesteps, beta_start=1e-4, beta_end=0.02):
    if timesteps == 1:
        return torch.tensor([beta_start], dtype=torch.float32)
    step = (beta_end - beta_start) / (timesteps - 1)
    betas = []
    for i in range(timesteps):
        betas.append(beta_start + i * step)
    return torch.tensor(betas, dtype=torch.float32)
