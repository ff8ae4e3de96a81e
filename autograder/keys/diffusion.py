"""The hand-written references of ``autograder.specs.diffusion``: their code is the answer (see
``autograder.core.key``). Never part of a student release."""

from __future__ import annotations

import math

import torch


def linear_beta_schedule_reference(timesteps: int, beta_start: float = 1e-4, beta_end: float = 0.02) -> torch.Tensor:
    """``timesteps`` betas evenly spaced from ``beta_start`` to ``beta_end``, both ends included."""
    return torch.linspace(beta_start, beta_end, timesteps, dtype=torch.float32)


def cosine_beta_schedule_reference(timesteps: int, s: float = 0.008, max_beta: float = 0.999) -> torch.Tensor:
    """beta_t = min(1 - abar(t) / abar(t-1), max_beta), t = 1..T, with abar(t) = f(t) / f(0).

    Computed in float64 and cast at the end: near t = T the cosine is close to zero and float32 loses about
    four digits of the late betas (3e-5 absolute at T = 1000), more than float32's tolerance.
    """
    steps = torch.arange(timesteps + 1, dtype=torch.float64)
    f = torch.cos((steps / timesteps + s) / (1 + s) * (math.pi / 2)) ** 2
    alpha_bar = f / f[0]
    betas = 1 - alpha_bar[1:] / alpha_bar[:-1]
    return torch.clamp(betas, max=max_beta).to(torch.float32)


def q_sample_reference(x0: torch.Tensor, t: torch.Tensor, noise: torch.Tensor,
                       alphas_cumprod: torch.Tensor) -> torch.Tensor:
    """sqrt(abar_t) * x0 + sqrt(1 - abar_t) * noise, abar_t picked per batch item and broadcast over the rest."""
    abar = alphas_cumprod[t].reshape((-1,) + (1,) * (x0.dim() - 1))
    return (abar.sqrt() * x0 + (1 - abar).sqrt() * noise).to(x0.dtype)
