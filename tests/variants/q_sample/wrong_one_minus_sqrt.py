"""Noise coefficient 1 - sqrt(abar) instead of sqrt(1 - abar)."""


def q_sample(x0, t, noise, alphas_cumprod):
    abar = alphas_cumprod[t].view(-1, *([1] * (x0.dim() - 1)))
    return (abar.sqrt() * x0 + (1 - abar.sqrt()) * noise).to(x0.dtype)
