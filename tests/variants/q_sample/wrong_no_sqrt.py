"""Forgets both square roots: abar * x0 + (1 - abar) * noise mixes variances, not scales."""


def q_sample(x0, t, noise, alphas_cumprod):
    abar = alphas_cumprod[t].view(-1, *([1] * (x0.dim() - 1)))
    return (abar * x0 + (1 - abar) * noise).to(x0.dtype)
