"""The hand-written references of ``autograder.specs.generative``: their code is the answer (see
``autograder.core.key``). Never part of a student release."""

from __future__ import annotations

import math

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


# --- classic mistakes of the GAN losses ------------------------------------------------------------------


def gan_discriminator_loss_bce_on_probabilities(real_logits: torch.Tensor, fake_logits: torch.Tensor) -> torch.Tensor:
    """BCE on sigmoid probabilities: PyTorch clamps each log at -100, so a saturated sigmoid gives 100."""
    real, fake = torch.sigmoid(real_logits), torch.sigmoid(fake_logits)
    return F.binary_cross_entropy(real, torch.ones_like(real)) + F.binary_cross_entropy(fake, torch.zeros_like(fake))


def gan_discriminator_loss_log_of_sigmoid(real_logits: torch.Tensor, fake_logits: torch.Tensor) -> torch.Tensor:
    """-log sigmoid(real) - log(1 - sigmoid(fake)) as written: inf where the sigmoid rounds to 0 or 1."""
    return -torch.log(torch.sigmoid(real_logits)).mean() - torch.log(1 - torch.sigmoid(fake_logits)).mean()


def gan_discriminator_loss_log_one_plus_exp(real_logits: torch.Tensor, fake_logits: torch.Tensor) -> torch.Tensor:
    """softplus as log(1 + exp(x)): exp overflows to inf for a large logit."""
    return torch.log(1 + torch.exp(-real_logits)).mean() + torch.log(1 + torch.exp(fake_logits)).mean()


def gan_discriminator_loss_one_mean(real_logits: torch.Tensor, fake_logits: torch.Tensor) -> torch.Tensor:
    """One mean over the reals' and the fakes' terms together."""
    terms = torch.cat([F.softplus(-real_logits).flatten(), F.softplus(fake_logits).flatten()])
    return terms.mean()


def gan_discriminator_loss_swapped_labels(real_logits: torch.Tensor, fake_logits: torch.Tensor) -> torch.Tensor:
    """Reals scored against 0, fakes against 1."""
    return gan_discriminator_loss_reference(-real_logits, -fake_logits)


def gan_generator_loss_log_of_sigmoid(fake_logits: torch.Tensor) -> torch.Tensor:
    """-log sigmoid(fake) as written: inf where the sigmoid rounds to 0, for the logits where log(1 + exp(-x))
    overflows too."""
    return -torch.log(torch.sigmoid(fake_logits)).mean()


def gan_generator_loss_saturating(fake_logits: torch.Tensor) -> torch.Tensor:
    """The original minimax loss, mean log(1 - sigmoid(fake)), written stably."""
    return -gan_generator_loss_reference(-fake_logits)


def gan_generator_loss_summed(fake_logits: torch.Tensor) -> torch.Tensor:
    """The sum over the logits, not their mean."""
    return gan_generator_loss_reference(fake_logits) * fake_logits.numel()


def gan_generator_loss_target_zero(fake_logits: torch.Tensor) -> torch.Tensor:
    """BCE(fake, 0): the discriminator's term for the fakes."""
    return gan_generator_loss_reference(-fake_logits)


# --- classic mistakes of the diffusion sampling exercises ------------------------------------------------


def predict_x0_promoted_dtype(x_t: torch.Tensor, t: int | torch.Tensor, eps: torch.Tensor,
                              alphas_cumprod: torch.Tensor) -> torch.Tensor:
    """No cast back to x_t's dtype: a float64 schedule makes the result float64."""
    abar = _per_item(alphas_cumprod, t, x_t.dim())
    return (x_t - (1 - abar).sqrt() * eps) / abar.sqrt()


def predict_x0_python_t(x_t: torch.Tensor, t: int | torch.Tensor, eps: torch.Tensor,
                        alphas_cumprod: torch.Tensor) -> torch.Tensor:
    """abar_t as one Python float: fails for a tensor of several steps."""
    abar = float(alphas_cumprod[t])
    return (x_t - math.sqrt(1 - abar) * eps) / math.sqrt(abar)


def predict_x0_last_axis(x_t: torch.Tensor, t: int | torch.Tensor, eps: torch.Tensor,
                         alphas_cumprod: torch.Tensor) -> torch.Tensor:
    """The (B,) abar_t as it is, broadcast along the last axis."""
    abar = alphas_cumprod[t]
    return ((x_t - (1 - abar).sqrt() * eps) / abar.sqrt()).to(x_t.dtype)


def predict_x0_multiplies(x_t: torch.Tensor, t: int | torch.Tensor, eps: torch.Tensor,
                          alphas_cumprod: torch.Tensor) -> torch.Tensor:
    """sqrt(abar_t) (x_t - sqrt(1 - abar_t) eps): multiplied where it should divide."""
    abar = _per_item(alphas_cumprod, t, x_t.dim())
    return (abar.sqrt() * (x_t - (1 - abar).sqrt() * eps)).to(x_t.dtype)


def predict_x0_noise_without_sqrt(x_t: torch.Tensor, t: int | torch.Tensor, eps: torch.Tensor,
                                  alphas_cumprod: torch.Tensor) -> torch.Tensor:
    """(x_t - (1 - abar_t) eps) / sqrt(abar_t)."""
    abar = _per_item(alphas_cumprod, t, x_t.dim())
    return ((x_t - (1 - abar) * eps) / abar.sqrt()).to(x_t.dtype)


def predict_x0_swapped_roots(x_t: torch.Tensor, t: int | torch.Tensor, eps: torch.Tensor,
                             alphas_cumprod: torch.Tensor) -> torch.Tensor:
    """(x_t - sqrt(abar_t) eps) / sqrt(1 - abar_t)."""
    abar = _per_item(alphas_cumprod, t, x_t.dim())
    return ((x_t - abar.sqrt() * eps) / (1 - abar).sqrt()).to(x_t.dtype)


def predict_x0_t_minus_one(x_t: torch.Tensor, t: int | torch.Tensor, eps: torch.Tensor,
                           alphas_cumprod: torch.Tensor) -> torch.Tensor:
    """alphas_cumprod[t - 1]: t read as 1-based (t = 0 wraps round to the last step)."""
    return predict_x0_reference(x_t, t - 1, eps, alphas_cumprod)


def _ddpm_terms(x_t: torch.Tensor, t: int | torch.Tensor,
                betas: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor, torch.Tensor, torch.Tensor]:
    """beta_t, abar_t, abar_{t-1} (1 at t = 0), each (B or 1, 1, ..., 1), and where t > 0, as 0 or 1."""
    abar_all = torch.cumprod(1 - betas, dim=0)
    previous = torch.cat([abar_all.new_ones(1), abar_all[:-1]])
    later = (torch.as_tensor(t, device=betas.device) > 0).reshape((-1,) + (1,) * (x_t.dim() - 1))
    return (_per_item(betas, t, x_t.dim()), _per_item(abar_all, t, x_t.dim()),
            _per_item(previous, t, x_t.dim()), later.to(betas.dtype))


def ddpm_step_abar_for_alpha(x_t: torch.Tensor, t: int | torch.Tensor, eps: torch.Tensor, betas: torch.Tensor,
                             noise: torch.Tensor) -> torch.Tensor:
    """The mean divided by sqrt(abar_t) instead of sqrt(alpha_t)."""
    beta, abar, _, later = _ddpm_terms(x_t, t, betas)
    mean = (x_t - beta / (1 - abar).sqrt() * eps) / abar.sqrt()
    return (mean + later * beta.sqrt() * noise).to(x_t.dtype)


def ddpm_step_noise_at_t0(x_t: torch.Tensor, t: int | torch.Tensor, eps: torch.Tensor, betas: torch.Tensor,
                          noise: torch.Tensor) -> torch.Tensor:
    """sqrt(beta_t) z added at every step, t = 0 included."""
    beta, abar, _, _ = _ddpm_terms(x_t, t, betas)
    mean = (x_t - beta / (1 - abar).sqrt() * eps) / (1 - beta).sqrt()
    return (mean + beta.sqrt() * noise).to(x_t.dtype)


def ddpm_step_posterior_mean(x_t: torch.Tensor, t: int | torch.Tensor, eps: torch.Tensor, betas: torch.Tensor,
                             noise: torch.Tensor) -> torch.Tensor:
    """The mean as DDPM's eq. 7 writes it, through x0, in the schedule's dtype: beta_t / (1 - abar_t) loses
    digits in float32 at early t."""
    beta, abar, abar_prev, later = _ddpm_terms(x_t, t, betas)
    x0 = (x_t - (1 - abar).sqrt() * eps) / abar.sqrt()
    mean = abar_prev.sqrt() * beta / (1 - abar) * x0 + (1 - beta).sqrt() * (1 - abar_prev) / (1 - abar) * x_t
    return (mean + later * beta.sqrt() * noise).to(x_t.dtype)


def ddpm_step_posterior_variance(x_t: torch.Tensor, t: int | torch.Tensor, eps: torch.Tensor, betas: torch.Tensor,
                                 noise: torch.Tensor) -> torch.Tensor:
    """sigma_t^2 = (1 - abar_{t-1}) / (1 - abar_t) beta_t (0 at t = 0) instead of beta_t."""
    beta, abar, abar_prev, _ = _ddpm_terms(x_t, t, betas)
    mean = (x_t - beta / (1 - abar).sqrt() * eps) / (1 - beta).sqrt()
    return (mean + ((1 - abar_prev) / (1 - abar) * beta).sqrt() * noise).to(x_t.dtype)


def ddpm_step_python_if(x_t: torch.Tensor, t: int | torch.Tensor, eps: torch.Tensor, betas: torch.Tensor,
                        noise: torch.Tensor) -> torch.Tensor:
    """``if t > 0`` on t: no single truth value for a tensor of several steps (RuntimeError)."""
    beta, abar, _, _ = _ddpm_terms(x_t, t, betas)
    stepped = (x_t - beta / (1 - abar).sqrt() * eps) / (1 - beta).sqrt()
    if t > 0:
        stepped = stepped + beta.sqrt() * noise
    return stepped.to(x_t.dtype)


def ddpm_step_t_minus_one(x_t: torch.Tensor, t: int | torch.Tensor, eps: torch.Tensor, betas: torch.Tensor,
                          noise: torch.Tensor) -> torch.Tensor:
    """betas[t - 1] and abar[t - 1]: t read as 1-based (t = 0 wraps round to the last step, noise still
    left out there)."""
    beta, abar, _, _ = _ddpm_terms(x_t, t - 1, betas)
    later = _ddpm_terms(x_t, t, betas)[3]
    mean = (x_t - beta / (1 - abar).sqrt() * eps) / (1 - beta).sqrt()
    return (mean + later * beta.sqrt() * noise).to(x_t.dtype)


def ddpm_step_variance_for_std(x_t: torch.Tensor, t: int | torch.Tensor, eps: torch.Tensor, betas: torch.Tensor,
                               noise: torch.Tensor) -> torch.Tensor:
    """The noise scaled by beta_t, not sqrt(beta_t)."""
    beta, abar, _, later = _ddpm_terms(x_t, t, betas)
    mean = (x_t - beta / (1 - abar).sqrt() * eps) / (1 - beta).sqrt()
    return (mean + later * beta * noise).to(x_t.dtype)


def _per_item_scale(guidance_scale: float | torch.Tensor, ndim: int) -> float | torch.Tensor:
    if isinstance(guidance_scale, torch.Tensor):
        return guidance_scale.reshape((-1,) + (1,) * (ndim - 1))
    return guidance_scale


def classifier_free_guidance_last_axis(eps_uncond: torch.Tensor, eps_cond: torch.Tensor,
                                       guidance_scale: float | torch.Tensor) -> torch.Tensor:
    """A (B,) tensor of scales as it is, broadcast along the last axis."""
    return (eps_uncond + guidance_scale * (eps_cond - eps_uncond)).to(eps_cond.dtype)


def classifier_free_guidance_one_plus_w(eps_uncond: torch.Tensor, eps_cond: torch.Tensor,
                                        guidance_scale: float | torch.Tensor) -> torch.Tensor:
    """(1 + w) eps_cond - w eps_uncond: the guidance paper's convention, where w = 0 is the conditional."""
    w = _per_item_scale(guidance_scale, eps_cond.dim())
    return ((1 + w) * eps_cond - w * eps_uncond).to(eps_cond.dtype)


def classifier_free_guidance_python_scale(eps_uncond: torch.Tensor, eps_cond: torch.Tensor,
                                          guidance_scale: float | torch.Tensor) -> torch.Tensor:
    """float(guidance_scale): fails for a tensor of one scale per item."""
    return classifier_free_guidance_reference(eps_uncond, eps_cond, float(guidance_scale))


def classifier_free_guidance_swapped(eps_uncond: torch.Tensor, eps_cond: torch.Tensor,
                                     guidance_scale: float | torch.Tensor) -> torch.Tensor:
    """eps_cond + w (eps_uncond - eps_cond): pushed away from the condition."""
    return classifier_free_guidance_reference(eps_cond, eps_uncond, guidance_scale).to(eps_cond.dtype)
