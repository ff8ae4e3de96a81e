"""The B coefficients with math.sqrt on Python floats, then one broadcasted multiply-add."""
import math

import torch


def q_sample(x0, t, noise, alphas_cumprod):
    table = alphas_cumprod.tolist()
    abar = [table[i] for i in t.tolist()]
    shape = (len(abar),) + (1,) * (x0.ndim - 1)
    signal = torch.tensor([math.sqrt(a) for a in abar], dtype=x0.dtype, device=x0.device).view(shape)
    spread = torch.tensor([math.sqrt(1 - a) for a in abar], dtype=x0.dtype, device=x0.device).view(shape)
    return signal * x0 + spread * noise
