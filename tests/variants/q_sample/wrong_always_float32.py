"""Casts the result to float32 whatever x0's dtype."""


def q_sample(x0, t, noise, alphas_cumprod):
    abar = alphas_cumprod[t].view(-1, *([1] * (x0.dim() - 1)))
    return (abar.sqrt() * x0 + (1 - abar).sqrt() * noise).float()
