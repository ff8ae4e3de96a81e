"""Removes (1 - abar) * eps: the noise's variance, not its scale."""


def predict_x0(x_t, t, eps, alphas_cumprod):
    abar = alphas_cumprod[t].reshape(-1, *([1] * (x_t.dim() - 1)))
    return ((x_t - (1 - abar) * eps) / abar.sqrt()).to(x_t.dtype)
