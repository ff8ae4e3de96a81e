"""numpy on the CPU, the noise switched off with np.where; the result goes back to x_t's device and dtype."""
import numpy as np
import torch


def ddpm_step(x_t, t, eps, betas, noise):
    steps = np.atleast_1d(t.cpu().numpy() if isinstance(t, torch.Tensor) else np.array(t))
    b = betas.detach().cpu().numpy()
    abar = np.cumprod(1 - b)
    shape = (-1,) + (1,) * (x_t.dim() - 1)
    beta = b[steps].reshape(shape)
    one_minus_abar = (1 - abar[steps]).reshape(shape)
    x, e, z = x_t.cpu().numpy(), eps.cpu().numpy(), noise.cpu().numpy()
    sigma = np.where(steps.reshape(shape) > 0, np.sqrt(beta), 0.0)
    out = (x - beta / np.sqrt(one_minus_abar) * e) / np.sqrt(1 - beta) + sigma * z
    return torch.from_numpy(np.ascontiguousarray(out)).to(device=x_t.device, dtype=x_t.dtype)
