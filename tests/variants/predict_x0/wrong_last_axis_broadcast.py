"""Uses the (B,) coefficients as they are, so they broadcast along the *last* axis."""


def predict_x0(x_t, t, eps, alphas_cumprod):
    abar = alphas_cumprod[t]
    return ((x_t - (1 - abar).sqrt() * eps) / abar.sqrt()).to(x_t.dtype)
