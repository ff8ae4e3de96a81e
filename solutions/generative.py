"""Generative models (solutions)."""

import torch
import torch.nn.functional as F


def gan_discriminator_loss(real_logits: torch.Tensor, fake_logits: torch.Tensor) -> torch.Tensor:
    """BCE(real, 1) + BCE(fake, 0) from logits: mean softplus(-real) + mean softplus(fake)."""
    return F.softplus(-real_logits).mean() + F.softplus(fake_logits).mean()


def gan_generator_loss(fake_logits: torch.Tensor) -> torch.Tensor:
    """The non-saturating generator loss BCE(fake, 1) = mean softplus(-fake)."""
    return F.softplus(-fake_logits).mean()


def _per_item(values: torch.Tensor, t: int | torch.Tensor, like: torch.Tensor) -> torch.Tensor:
    """values[t] as (B or 1, 1, ..., 1), ready to broadcast over ``like``."""
    return values[t].reshape(-1, *([1] * (like.dim() - 1)))


def predict_x0(x_t: torch.Tensor, t: int | torch.Tensor, eps: torch.Tensor,
               alphas_cumprod: torch.Tensor) -> torch.Tensor:
    """x0 = (x_t - sqrt(1 - abar_t) eps) / sqrt(abar_t)."""
    abar = _per_item(alphas_cumprod, t, x_t)
    return ((x_t - torch.sqrt(1 - abar) * eps) / torch.sqrt(abar)).to(x_t.dtype)


def ddpm_step(x_t: torch.Tensor, t: int | torch.Tensor, eps: torch.Tensor, betas: torch.Tensor,
              noise: torch.Tensor) -> torch.Tensor:
    """x_{t-1} = (x_t - beta_t / sqrt(1 - abar_t) eps) / sqrt(alpha_t) + sqrt(beta_t) noise (no noise at t = 0)."""
    alphas_cumprod = torch.cumprod(1 - betas, dim=0)
    beta = _per_item(betas, t, x_t)
    abar = _per_item(alphas_cumprod, t, x_t)
    mean = (x_t - beta / torch.sqrt(1 - abar) * eps) / torch.sqrt(1 - beta)
    # (t > 0) as 0/1 per item switches the noise off at the last step, for an int t and a tensor t alike
    keep = (torch.as_tensor(t, device=x_t.device) > 0).reshape(-1, *([1] * (x_t.dim() - 1)))
    return (mean + keep * torch.sqrt(beta) * noise).to(x_t.dtype)


def classifier_free_guidance(eps_uncond: torch.Tensor, eps_cond: torch.Tensor,
                             guidance_scale: float | torch.Tensor) -> torch.Tensor:
    """eps_uncond + w (eps_cond - eps_uncond), w one float or one value per batch item."""
    w = guidance_scale
    if isinstance(w, torch.Tensor):
        w = w.reshape(-1, *([1] * (eps_cond.dim() - 1)))
    return (eps_uncond + w * (eps_cond - eps_uncond)).to(eps_cond.dtype)
