"""Multiplies by sqrt(abar) instead of dividing: the forward process's scaling applied once more."""


def predict_x0(x_t, t, eps, alphas_cumprod):
    abar = alphas_cumprod[t].reshape(-1, *([1] * (x_t.dim() - 1)))
    return (abar.sqrt() * (x_t - (1 - abar).sqrt() * eps)).to(x_t.dtype)
