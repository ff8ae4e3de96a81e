"""Reads t as 1-based: alphas_cumprod[t - 1] (and t = 0 silently wraps round to the last step)."""


def q_sample(x0, t, noise, alphas_cumprod):
    abar = alphas_cumprod[t - 1].view(-1, *([1] * (x0.dim() - 1)))
    return (abar.sqrt() * x0 + (1 - abar).sqrt() * noise).to(x0.dtype)
