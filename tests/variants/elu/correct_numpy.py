"""numpy in float64 on the CPU (exp only of min(x, 0)), then back to x's device and dtype."""
import numpy as np
import torch


def elu(x, alpha=1.0):
    values = x.detach().cpu().double().numpy()
    out = np.where(values > 0, values, alpha * np.expm1(np.minimum(values, 0)))
    return torch.from_numpy(out).to(device=x.device, dtype=x.dtype)
