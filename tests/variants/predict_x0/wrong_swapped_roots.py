"""Swaps the two roots: (x_t - sqrt(abar) * eps) / sqrt(1 - abar)."""


def predict_x0(x_t, t, eps, alphas_cumprod):
    abar = alphas_cumprod[t].reshape(-1, *([1] * (x_t.dim() - 1)))
    return ((x_t - abar.sqrt() * eps) / (1 - abar).sqrt()).to(x_t.dtype)
