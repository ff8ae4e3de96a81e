"""katherine's diffusion.py (sample submission, built by examples/build_sample_class.py)."""
from __future__ import annotations


# linear_beta_schedule/correct_loop: An explicit Python loop over the steps, with the single-step schedule handled on its own.
import torch


def linear_beta_schedule(timesteps, beta_start=1e-4, beta_end=0.02):
    if timesteps == 1:
        return torch.tensor([beta_start], dtype=torch.float32)
    step = (beta_end - beta_start) / (timesteps - 1)
    betas = []
    for i in range(timesteps):
        betas.append(beta_start + i * step)
    return torch.tensor(betas, dtype=torch.float32)


# cosine_beta_schedule/wrong_no_clipping: Never clips: the last beta is 1.0 instead of max_beta.
import math

import torch


def cosine_beta_schedule(timesteps, s=0.008, max_beta=0.999):
    t = torch.arange(timesteps + 1, dtype=torch.float64)
    f = torch.cos((t / timesteps + s) / (1 + s) * math.pi / 2) ** 2
    alpha_bar = f / f[0]
    return (1 - alpha_bar[1:] / alpha_bar[:-1]).float()


# q_sample/correct_einsum: Scales each batch item with einsum's ellipsis: 'b,b...->b...' works for any trailing shape.
import torch


def q_sample(x0: torch.Tensor, t: torch.Tensor, noise: torch.Tensor, alphas_cumprod: torch.Tensor) -> torch.Tensor:
    abar = alphas_cumprod[t]
    signal = torch.sqrt(abar).to(x0.dtype)
    spread = torch.sqrt(1 - abar).to(x0.dtype)
    return torch.einsum("b,b...->b...", signal, x0) + torch.einsum("b,b...->b...", spread, noise)
