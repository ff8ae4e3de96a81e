"""Diffusion models (solutions)."""

import math

import torch


def linear_beta_schedule(timesteps: int, beta_start: float = 1e-4, beta_end: float = 0.02) -> torch.Tensor:
    """DDPM's linear schedule: ``timesteps`` betas from ``beta_start`` to ``beta_end`` inclusive."""
    return torch.linspace(beta_start, beta_end, timesteps, dtype=torch.float32)


def cosine_beta_schedule(timesteps: int, s: float = 0.008, max_beta: float = 0.999) -> torch.Tensor:
    """Improved DDPM's cosine schedule, clipped at ``max_beta``."""
    t = torch.linspace(0, 1, timesteps + 1, dtype=torch.float64)
    alphas_cumprod = torch.cos((t + s) / (1 + s) * math.pi / 2) ** 2
    alphas_cumprod = alphas_cumprod / alphas_cumprod[0]
    betas = 1 - alphas_cumprod[1:] / alphas_cumprod[:-1]
    return betas.clamp(max=max_beta).float()


def q_sample(x0: torch.Tensor, t: torch.Tensor, noise: torch.Tensor, alphas_cumprod: torch.Tensor) -> torch.Tensor:
    """A sample of q(x_t | x_0): sqrt(abar_t) x0 + sqrt(1 - abar_t) noise, per batch item."""
    abar = alphas_cumprod.gather(0, t).view(-1, *([1] * (x0.ndim - 1)))
    return (torch.sqrt(abar) * x0 + torch.sqrt(1.0 - abar) * noise).to(x0.dtype)
