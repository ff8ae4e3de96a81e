"""The hand-written references of ``autograder.specs.diffusion``: their code is the answer (see
``autograder.core.key``). Never part of a student release."""

from __future__ import annotations

import math

import torch


def linear_beta_schedule_reference(timesteps: int, beta_start: float = 1e-4, beta_end: float = 0.02) -> torch.Tensor:
    """``timesteps`` betas evenly spaced from ``beta_start`` to ``beta_end``, both ends included."""
    return torch.linspace(beta_start, beta_end, timesteps, dtype=torch.float32)


def cosine_beta_schedule_reference(timesteps: int, s: float = 0.008, max_beta: float = 0.999) -> torch.Tensor:
    """beta_t = min(1 - abar(t) / abar(t-1), max_beta), t = 1..T, with abar(t) = f(t) / f(0).

    Computed in float64 and cast at the end: near t = T the cosine is close to zero and float32 loses about
    four digits of the late betas (3e-5 absolute at T = 1000), more than float32's tolerance.
    """
    steps = torch.arange(timesteps + 1, dtype=torch.float64)
    f = torch.cos((steps / timesteps + s) / (1 + s) * (math.pi / 2)) ** 2
    alpha_bar = f / f[0]
    betas = 1 - alpha_bar[1:] / alpha_bar[:-1]
    return torch.clamp(betas, max=max_beta).to(torch.float32)


def q_sample_reference(x0: torch.Tensor, t: torch.Tensor, noise: torch.Tensor,
                       alphas_cumprod: torch.Tensor) -> torch.Tensor:
    """sqrt(abar_t) * x0 + sqrt(1 - abar_t) * noise, abar_t picked per batch item and broadcast over the rest."""
    abar = alphas_cumprod[t].reshape((-1,) + (1,) * (x0.dim() - 1))
    return (abar.sqrt() * x0 + (1 - abar).sqrt() * noise).to(x0.dtype)


# --- classic mistakes of linear_beta_schedule ------------------------------------------------------------


def linear_beta_schedule_end_exclusive(timesteps: int, beta_start: float = 1e-4,
                                       beta_end: float = 0.02) -> torch.Tensor:
    """T + 1 points from start to end, the last one dropped (as arange with a step of (end - start) / T, where
    its rounding adds no step)."""
    return torch.linspace(beta_start, beta_end, timesteps + 1, dtype=torch.float32)[:-1]


def linear_beta_schedule_divides_by_zero(timesteps: int, beta_start: float = 1e-4,
                                         beta_end: float = 0.02) -> torch.Tensor:
    """start + i (end - start) / (T - 1): ZeroDivisionError for a single step."""
    width = (beta_end - beta_start) / (timesteps - 1)
    return torch.tensor([beta_start + width * i for i in range(timesteps)], dtype=torch.float32)


def linear_beta_schedule_float64(timesteps: int, beta_start: float = 1e-4, beta_end: float = 0.02) -> torch.Tensor:
    """The right betas, in float64."""
    return torch.linspace(beta_start, beta_end, timesteps, dtype=torch.float64)


def linear_beta_schedule_hardcoded(timesteps: int, beta_start: float = 1e-4, beta_end: float = 0.02) -> torch.Tensor:
    """DDPM's 1e-4 to 0.02 whatever the arguments."""
    return linear_beta_schedule_reference(timesteps)


def linear_beta_schedule_swapped_ends(timesteps: int, beta_start: float = 1e-4,
                                      beta_end: float = 0.02) -> torch.Tensor:
    """From beta_end down to beta_start."""
    return linear_beta_schedule_reference(timesteps, beta_end, beta_start)


# --- classic mistakes of cosine_beta_schedule ------------------------------------------------------------


def _cosine_f(steps: torch.Tensor, timesteps: int, s: float) -> torch.Tensor:
    """f(t) = cos^2((t / T + s) / (1 + s) * pi / 2) at each of ``steps``."""
    return torch.cos((steps / timesteps + s) / (1 + s) * (math.pi / 2)) ** 2


def _cosine_alpha_bar(timesteps: int, s: float) -> torch.Tensor:
    """abar(t) = f(t) / f(0) for t = 0 .. T, in float64."""
    f = _cosine_f(torch.arange(timesteps + 1, dtype=torch.float64), timesteps, s)
    return f / f[0]


def cosine_beta_schedule_clips_alpha_bar(timesteps: int, s: float = 0.008, max_beta: float = 0.999) -> torch.Tensor:
    """abar(t) capped at max_beta, the betas left uncapped."""
    capped = _cosine_alpha_bar(timesteps, s).clamp(max=max_beta)
    return (1 - capped[1:] / capped[:-1]).to(torch.float32)


def cosine_beta_schedule_not_squared(timesteps: int, s: float = 0.008, max_beta: float = 0.999) -> torch.Tensor:
    """f(t) = cos(...), not cos^2(...)."""
    steps = torch.arange(timesteps + 1, dtype=torch.float64)
    f = torch.cos((steps / timesteps + s) / (1 + s) * (math.pi / 2))
    return (1 - f[1:] / f[:-1]).clamp(max=max_beta).to(torch.float32)


def cosine_beta_schedule_float32(timesteps: int, s: float = 0.008, max_beta: float = 0.999) -> torch.Tensor:
    """The formula computed in float32 throughout."""
    f = _cosine_f(torch.arange(timesteps + 1, dtype=torch.float32), timesteps, s)
    ratio = f / f[0]
    return (1 - ratio[1:] / ratio[:-1]).clamp(max=max_beta)


def cosine_beta_schedule_float64(timesteps: int, s: float = 0.008, max_beta: float = 0.999) -> torch.Tensor:
    """The right betas, left in float64."""
    abar = _cosine_alpha_bar(timesteps, s)
    return (1 - abar[1:] / abar[:-1]).clamp(max=max_beta)


def cosine_beta_schedule_hardcoded(timesteps: int, s: float = 0.008, max_beta: float = 0.999) -> torch.Tensor:
    """The paper's s = 0.008 and max_beta = 0.999 whatever the arguments."""
    return cosine_beta_schedule_reference(timesteps)


def cosine_beta_schedule_unclipped(timesteps: int, s: float = 0.008, max_beta: float = 0.999) -> torch.Tensor:
    """No cap on beta: the last one is 1."""
    abar = _cosine_alpha_bar(timesteps, s)
    return (1 - abar[1:] / abar[:-1]).to(torch.float32)


def cosine_beta_schedule_no_offset(timesteps: int, s: float = 0.008, max_beta: float = 0.999) -> torch.Tensor:
    """s dropped: f(t) = cos^2(t / T * pi / 2)."""
    return cosine_beta_schedule_reference(timesteps, 0.0, max_beta)


def cosine_beta_schedule_alpha_bar(timesteps: int, s: float = 0.008, max_beta: float = 0.999) -> torch.Tensor:
    """abar(1) .. abar(T) instead of the betas."""
    return _cosine_alpha_bar(timesteps, s)[1:].to(torch.float32)


def cosine_beta_schedule_steps_from_zero(timesteps: int, s: float = 0.008, max_beta: float = 0.999) -> torch.Tensor:
    """abar at t = 0 .. T - 1, after a leading 1: beta_0 = 0, then beta_1 .. beta_{T-1}, one step late."""
    abar = _cosine_alpha_bar(timesteps, s)[:-1]
    before = torch.cat([abar.new_ones(1), abar[:-1]])
    return (1 - abar / before).clamp(max=max_beta).to(torch.float32)


def cosine_beta_schedule_unnormalised(timesteps: int, s: float = 0.008, max_beta: float = 0.999) -> torch.Tensor:
    """abar(t) = f(t) for t >= 1, not f(t) / f(0), after abar(0) = 1: only the first beta changes."""
    f = _cosine_f(torch.arange(timesteps + 1, dtype=torch.float64), timesteps, s)
    f[0] = 1.0
    return (1 - f[1:] / f[:-1]).clamp(max=max_beta).to(torch.float32)


# --- classic mistakes of q_sample ------------------------------------------------------------------------


def _abar_per_item(alphas_cumprod: torch.Tensor, t: torch.Tensor, ndim: int) -> torch.Tensor:
    """abar_t shaped (B, 1, ..., 1) for a (B, ...) tensor of ``ndim`` dims."""
    return alphas_cumprod[t].reshape((-1,) + (1,) * (ndim - 1))


def q_sample_always_float32(x0: torch.Tensor, t: torch.Tensor, noise: torch.Tensor,
                            alphas_cumprod: torch.Tensor) -> torch.Tensor:
    """The right values, cast to float32 whatever x0's dtype."""
    return q_sample_reference(x0, t, noise, alphas_cumprod).to(torch.float32)


def q_sample_promoted_dtype(x0: torch.Tensor, t: torch.Tensor, noise: torch.Tensor,
                            alphas_cumprod: torch.Tensor) -> torch.Tensor:
    """No cast back to x0's dtype: a float64 schedule makes the result float64."""
    abar = _abar_per_item(alphas_cumprod, t, x0.dim())
    return abar.sqrt() * x0 + (1 - abar).sqrt() * noise


def q_sample_cumprod_again(x0: torch.Tensor, t: torch.Tensor, noise: torch.Tensor,
                           alphas_cumprod: torch.Tensor) -> torch.Tensor:
    """The cumulative product taken once more: cumprod(alphas_cumprod)[t]."""
    return q_sample_reference(x0, t, noise, torch.cumprod(alphas_cumprod, 0))


def q_sample_images_only(x0: torch.Tensor, t: torch.Tensor, noise: torch.Tensor,
                         alphas_cumprod: torch.Tensor) -> torch.Tensor:
    """abar_t viewed as (B, 1, 1, 1), whatever x0's number of dimensions."""
    abar = alphas_cumprod[t].view(-1, 1, 1, 1)
    return (abar.sqrt() * x0 + (1 - abar).sqrt() * noise).to(x0.dtype)


def q_sample_last_axis(x0: torch.Tensor, t: torch.Tensor, noise: torch.Tensor,
                       alphas_cumprod: torch.Tensor) -> torch.Tensor:
    """The (B,) abar_t as it is, broadcast along x0's last axis."""
    abar = alphas_cumprod[t]
    return (abar.sqrt() * x0 + (1 - abar).sqrt() * noise).to(x0.dtype)


def q_sample_no_sqrt(x0: torch.Tensor, t: torch.Tensor, noise: torch.Tensor,
                     alphas_cumprod: torch.Tensor) -> torch.Tensor:
    """abar_t x0 + (1 - abar_t) noise: both square roots missing."""
    abar = _abar_per_item(alphas_cumprod, t, x0.dim())
    return (abar * x0 + (1 - abar) * noise).to(x0.dtype)


def q_sample_noise_without_sqrt(x0: torch.Tensor, t: torch.Tensor, noise: torch.Tensor,
                                alphas_cumprod: torch.Tensor) -> torch.Tensor:
    """sqrt(abar_t) x0 + (1 - abar_t) noise."""
    abar = _abar_per_item(alphas_cumprod, t, x0.dim())
    return (abar.sqrt() * x0 + (1 - abar) * noise).to(x0.dtype)


def q_sample_one_minus_sqrt(x0: torch.Tensor, t: torch.Tensor, noise: torch.Tensor,
                            alphas_cumprod: torch.Tensor) -> torch.Tensor:
    """sqrt(abar_t) x0 + (1 - sqrt(abar_t)) noise."""
    root = _abar_per_item(alphas_cumprod, t, x0.dim()).sqrt()
    return (root * x0 + (1 - root) * noise).to(x0.dtype)


def q_sample_swapped_terms(x0: torch.Tensor, t: torch.Tensor, noise: torch.Tensor,
                           alphas_cumprod: torch.Tensor) -> torch.Tensor:
    """sqrt(1 - abar_t) x0 + sqrt(abar_t) noise: the roles of the data and the noise swapped."""
    return q_sample_reference(noise, t, x0, alphas_cumprod).to(x0.dtype)


def q_sample_t_minus_one(x0: torch.Tensor, t: torch.Tensor, noise: torch.Tensor,
                         alphas_cumprod: torch.Tensor) -> torch.Tensor:
    """alphas_cumprod[t - 1]: t read as 1-based (t = 0 wraps round to the last step)."""
    return q_sample_reference(x0, t - 1, noise, alphas_cumprod)
