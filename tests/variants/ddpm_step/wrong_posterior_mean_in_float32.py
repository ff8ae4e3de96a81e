"""The posterior-mean form (DDPM eq. 7, through predict_x0), computed in the schedule's float32.

Equal in exact arithmetic, but beta_t / (1 - abar_t) divides by a difference of numbers close to 1: at early t
float32 keeps only a few digits of it, and the result is off by ~1e-4, far beyond float32's tolerance.
"""
import torch


def ddpm_step(x_t, t, eps, betas, noise):
    shape = (-1,) + (1,) * (x_t.dim() - 1)
    alphas_cumprod = torch.cumprod(1 - betas, 0)
    previous = torch.cat([alphas_cumprod.new_ones(1), alphas_cumprod[:-1]])
    abar, abar_prev = alphas_cumprod[t].reshape(shape), previous[t].reshape(shape)
    beta = betas[t].reshape(shape)
    x0 = (x_t - (1 - abar).sqrt() * eps) / abar.sqrt()
    mean = abar_prev.sqrt() * beta / (1 - abar) * x0 + (1 - beta).sqrt() * (1 - abar_prev) / (1 - abar) * x_t
    keep = (torch.as_tensor(t) > 0).reshape(shape).to(x_t.device)
    return (mean + keep * beta.sqrt() * noise).to(x_t.dtype)
