"""Scales each batch item with einsum's ellipsis: 'b,b...->b...' works for any trailing shape."""
import torch


def q_sample(x0: torch.Tensor, t: torch.Tensor, noise: torch.Tensor, alphas_cumprod: torch.Tensor) -> torch.Tensor:
    abar = alphas_cumprod[t]
    signal = torch.sqrt(abar).to(x0.dtype)
    spread = torch.sqrt(1 - abar).to(x0.dtype)
    return torch.einsum("b,b...->b...", signal, x0) + torch.einsum("b,b...->b...", spread, noise)
