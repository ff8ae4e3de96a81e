"""The hand-written references of ``autograder.specs.generative``: their code is the answer (see
``autograder.core.key``). Never part of a student release."""

from __future__ import annotations

import torch
import torch.nn.functional as F


def gan_discriminator_loss_reference(real_logits: torch.Tensor, fake_logits: torch.Tensor) -> torch.Tensor:
    """BCE(real, 1) + BCE(fake, 0), each averaged over its own tensor."""
    return (F.binary_cross_entropy_with_logits(real_logits, torch.ones_like(real_logits))
            + F.binary_cross_entropy_with_logits(fake_logits, torch.zeros_like(fake_logits)))


def gan_generator_loss_reference(fake_logits: torch.Tensor) -> torch.Tensor:
    """The non-saturating generator loss BCE(fake, 1), averaged."""
    return F.binary_cross_entropy_with_logits(fake_logits, torch.ones_like(fake_logits))


def _per_item(values: torch.Tensor, t: int | torch.Tensor, ndim: int) -> torch.Tensor:
    """``values[t]`` shaped ``(B or 1, 1, ..., 1)`` to broadcast over a ``(B, ...)`` tensor of ``ndim`` dims.

    A picked value keeps a dimension even for an int ``t``, so that a float64 schedule promotes float32 data
    the same way for both kinds of ``t`` (a 0-d tensor would not promote).
    """
    return values[t].reshape((-1,) + (1,) * (ndim - 1))


def predict_x0_reference(x_t: torch.Tensor, t: int | torch.Tensor, eps: torch.Tensor,
                         alphas_cumprod: torch.Tensor) -> torch.Tensor:
    """x0 = (x_t - sqrt(1 - abar_t) eps) / sqrt(abar_t), abar_t picked per batch item (or shared for an int t)."""
    abar = _per_item(alphas_cumprod, t, x_t.dim())
    return ((x_t - (1 - abar).sqrt() * eps) / abar.sqrt()).to(x_t.dtype)


def ddpm_step_reference(x_t: torch.Tensor, t: int | torch.Tensor, eps: torch.Tensor, betas: torch.Tensor,
                        noise: torch.Tensor) -> torch.Tensor:
    """DDPM's Algorithm 2, one step: x_{t-1} = (x_t - beta_t / sqrt(1 - abar_t) eps) / sqrt(alpha_t) + sigma_t z,
    sigma_t = sqrt(beta_t) where t > 0 and 0 at t = 0."""
    alphas = 1 - betas
    alphas_cumprod = torch.cumprod(alphas, 0)
    beta = _per_item(betas, t, x_t.dim())
    alpha = _per_item(alphas, t, x_t.dim())
    abar = _per_item(alphas_cumprod, t, x_t.dim())
    mean = (x_t - beta / (1 - abar).sqrt() * eps) / alpha.sqrt()
    later = torch.as_tensor(t, device=betas.device) > 0
    sigma = torch.where(later.reshape((-1,) + (1,) * (x_t.dim() - 1)), beta.sqrt(), torch.zeros_like(beta))
    return (mean + sigma * noise).to(x_t.dtype)


def classifier_free_guidance_reference(eps_uncond: torch.Tensor, eps_cond: torch.Tensor,
                                       guidance_scale: float | torch.Tensor) -> torch.Tensor:
    """eps_uncond + w (eps_cond - eps_uncond), a tensor w holding one scale per batch item."""
    w = guidance_scale
    if isinstance(w, torch.Tensor):
        w = w.reshape((-1,) + (1,) * (eps_cond.dim() - 1))
    return (eps_uncond + w * (eps_cond - eps_uncond)).to(eps_cond.dtype)
