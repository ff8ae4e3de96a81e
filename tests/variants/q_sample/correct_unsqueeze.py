"""Adds trailing axes with unsqueeze until the coefficients have x0's number of dimensions."""
import torch


def q_sample(x0: torch.Tensor, t: torch.Tensor, noise: torch.Tensor, alphas_cumprod: torch.Tensor) -> torch.Tensor:
    abar = alphas_cumprod.index_select(0, t)
    while abar.dim() < x0.dim():
        abar = abar.unsqueeze(-1)
    return torch.addcmul(torch.sqrt(abar) * x0, torch.sqrt(1 - abar), noise).to(x0.dtype)
