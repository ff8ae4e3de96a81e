"""Written for a sampling loop: float(alphas_cumprod[t]) and math.sqrt, which fail for a tensor of steps."""
import math


def predict_x0(x_t, t, eps, alphas_cumprod):
    abar = float(alphas_cumprod[t])
    return (x_t - math.sqrt(1 - abar) * eps) / math.sqrt(abar)
