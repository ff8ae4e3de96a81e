"""Swaps the roles: sqrt(1 - abar) scales the data and sqrt(abar) the noise."""


def q_sample(x0, t, noise, alphas_cumprod):
    abar = alphas_cumprod[t].view(-1, *([1] * (x0.dim() - 1)))
    return ((1 - abar).sqrt() * x0 + abar.sqrt() * noise).to(x0.dtype)
