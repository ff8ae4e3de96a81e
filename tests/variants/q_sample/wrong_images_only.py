"""Reshapes the coefficients with view(-1, 1, 1, 1): right for (B, C, H, W) images only."""


def q_sample(x0, t, noise, alphas_cumprod):
    abar = alphas_cumprod[t].view(-1, 1, 1, 1)
    return (abar.sqrt() * x0 + (1 - abar).sqrt() * noise).to(x0.dtype)
