"""Reads t as 1-based: alphas_cumprod[t - 1] (t = 0 wraps round to the last step)."""


def predict_x0(x_t, t, eps, alphas_cumprod):
    abar = alphas_cumprod[t - 1].reshape(-1, *([1] * (x_t.dim() - 1)))
    return ((x_t - (1 - abar).sqrt() * eps) / abar.sqrt()).to(x_t.dtype)
