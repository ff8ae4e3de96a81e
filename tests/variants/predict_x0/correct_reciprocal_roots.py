"""The form of improved DDPM's code: sqrt(1 / abar) * x_t - sqrt(1 / abar - 1) * eps."""
import torch


def predict_x0(x_t, t, eps, alphas_cumprod):
    abar = alphas_cumprod[t]
    if isinstance(t, torch.Tensor):
        abar = abar.view(-1, *([1] * (x_t.dim() - 1)))
    out = torch.rsqrt(abar) * x_t - torch.sqrt(1.0 / abar - 1.0) * eps
    return out.to(x_t.dtype)
