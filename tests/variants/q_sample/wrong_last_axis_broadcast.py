"""Multiplies by the (B,) coefficients as they are, so they broadcast along the *last* axis."""


def q_sample(x0, t, noise, alphas_cumprod):
    abar = alphas_cumprod[t]
    return (abar.sqrt() * x0 + (1 - abar).sqrt() * noise).to(x0.dtype)
