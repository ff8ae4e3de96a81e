"""Diffusion models.

Fill in the functions below, then run ``autograder check`` to see how they do.
"""

import torch


def linear_beta_schedule(timesteps: int, beta_start: float = 1e-4, beta_end: float = 0.02) -> torch.Tensor:
    r"""The linear noise schedule of DDPM (Ho et al., 2020).

    Step t of the forward process adds noise of variance beta_t. DDPM spaces the ``timesteps`` betas evenly
    from ``beta_start`` to ``beta_end``, *both ends included*:

        beta_i = beta_start + i * (beta_end - beta_start) / (timesteps - 1),   i = 0 .. timesteps - 1

    (with a single step there is nothing to space: the schedule is ``[beta_start]``).

    Returns a float32 tensor of shape ``(timesteps,)``.

    Example: ``linear_beta_schedule(5)`` is
    ``[0.0001, 0.005075, 0.01005, 0.015025, 0.02]`` (step 0.004975).
    """
    raise NotImplementedError("linear_beta_schedule: space the betas evenly, both ends included")


def cosine_beta_schedule(timesteps: int, s: float = 0.008, max_beta: float = 0.999) -> torch.Tensor:
    r"""The cosine noise schedule of improved DDPM (Nichol & Dhariwal, 2021).

    Instead of the betas, this schedule fixes abar(t), the fraction of the signal's variance left after t
    steps, with T = ``timesteps``:

        f(t)    = cos^2( (t / T + s) / (1 + s) * pi / 2 )
        abar(t) = f(t) / f(0)                                  for t = 0 .. T   (abar(0) = 1)
        beta_t  = min(1 - abar(t) / abar(t - 1), max_beta)     for t = 1 .. T

    The small offset ``s`` keeps the first betas from being vanishingly small; the clip at ``max_beta``
    keeps the last one (where abar(T) is 0, so the ratio gives exactly 1) from destroying the signal.

    Returns a float32 tensor of shape ``(timesteps,)`` holding beta_1 .. beta_T. Compute in float64 and
    cast at the end, as the paper's code does: near t = T the cosine is close to 0 and float32 arithmetic
    loses several digits of the last betas.

    Example: ``cosine_beta_schedule(4)``: abar = 1, 0.84701, 0.49384, 0.14427, 0 (t = 0..4), so the betas
    are 0.15299, 0.41696, 0.70786 and 1.0, clipped to 0.999.
    """
    raise NotImplementedError("cosine_beta_schedule: compute abar(t) for t = 0..T, then the betas")


def q_sample(x0: torch.Tensor, t: torch.Tensor, noise: torch.Tensor, alphas_cumprod: torch.Tensor) -> torch.Tensor:
    r"""Jump from clean data straight to step t of the forward process: a sample of q(x_t | x_0).

        x_t = sqrt(abar_t) * x0 + sqrt(1 - abar_t) * noise

    - ``x0``, ``noise``: the same shape ``(B, ...)`` — ``(B,)``, ``(B, D)``, ``(B, C, H, W)``, any trailing shape.
    - ``t``: ``(B,)`` long tensor, one step per batch item; an index into ``alphas_cumprod`` (0-based).
    - ``alphas_cumprod``: ``(T,)`` tensor of abar_t = prod_{s <= t} (1 - beta_s).

    Batch item b uses abar at ``t[b]`` for all of its values, so the ``(B,)`` coefficients must broadcast
    over every axis after the first, whatever their number. The result has ``x0``'s shape and dtype (the
    schedule may be kept in float64 while the data are float32).

    Example: ``alphas_cumprod = [0.64, 0.36]``, ``t = [1]``, ``x0 = [[1., -2.]]``, ``noise = [[0.5, 0.5]]``:
    abar = 0.36, so x_t = 0.6 * x0 + 0.8 * noise = ``[[1.0, -0.8]]``.
    """
    raise NotImplementedError("q_sample: pick abar at t, reshape it to broadcast over x0, combine")
