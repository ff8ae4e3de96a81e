"""numpy on the CPU; an int t becomes a one-element index so both kinds of t take the same path."""
import numpy as np
import torch


def predict_x0(x_t, t, eps, alphas_cumprod):
    steps = np.atleast_1d(t.cpu().numpy() if isinstance(t, torch.Tensor) else np.array(t))
    abar = alphas_cumprod.detach().cpu().numpy()[steps]
    abar = abar.reshape(abar.shape + (1,) * (x_t.dim() - 1))
    out = (x_t.cpu().numpy() - np.sqrt(1 - abar) * eps.cpu().numpy()) / np.sqrt(abar)
    return torch.from_numpy(np.ascontiguousarray(out)).to(device=x_t.device, dtype=x_t.dtype)
