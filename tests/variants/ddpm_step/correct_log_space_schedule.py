"""Works in x_t's dtype; 1 - abar_t as -expm1(sum of log(1 - beta)), which keeps its digits at early t."""
import torch


def ddpm_step(x_t, t, eps, betas, noise):
    betas = betas.to(x_t.dtype)
    one_minus_abar = -torch.expm1(torch.cumsum(torch.log1p(-betas), dim=0))
    shape = (-1,) + (1,) * (x_t.dim() - 1)
    beta = betas[t].reshape(shape)
    coef = beta / one_minus_abar[t].reshape(shape).sqrt()
    sigma = torch.where(torch.as_tensor(t).reshape(shape).to(x_t.device) > 0, beta.sqrt(), torch.zeros_like(beta))
    return (x_t - coef * eps) * torch.rsqrt(1 - beta) + sigma * noise
