"""No cast back: with a float64 schedule and float32 data the result comes out float64."""


def predict_x0(x_t, t, eps, alphas_cumprod):
    abar = alphas_cumprod[t].reshape(-1, *([1] * (x_t.dim() - 1)))
    return (x_t - (1 - abar).sqrt() * eps) / abar.sqrt()
