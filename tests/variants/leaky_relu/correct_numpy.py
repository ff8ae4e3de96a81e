"""numpy's where in float64 on the CPU, then back to x's device and dtype."""
import numpy as np
import torch


def leaky_relu(x, negative_slope=0.01):
    values = x.detach().cpu().double().numpy()
    out = np.where(values > 0, values, values * negative_slope)
    return torch.from_numpy(out).to(device=x.device, dtype=x.dtype)
