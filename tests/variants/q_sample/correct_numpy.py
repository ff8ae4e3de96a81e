"""numpy on the CPU, with broadcasting by reshape; the result goes back to x0's device and dtype."""
import numpy as np
import torch


def q_sample(x0, t, noise, alphas_cumprod):
    abar = alphas_cumprod.detach().cpu().numpy()[t.cpu().numpy()]
    abar = abar.reshape(abar.shape + (1,) * (x0.dim() - 1))
    out = np.sqrt(abar) * x0.cpu().numpy() + np.sqrt(1 - abar) * noise.cpu().numpy()
    return torch.from_numpy(np.ascontiguousarray(out)).to(device=x0.device, dtype=x0.dtype)
