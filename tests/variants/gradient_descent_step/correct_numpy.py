"""numpy in float64 on the CPU, the new parameters returned in w's and b's dtype and device."""
import numpy as np
import torch


def gradient_descent_step(w, b, x, y, lr):
    W, B = w.detach().cpu().double().numpy(), b.detach().cpu().double().numpy()
    X, Y = x.detach().cpu().double().numpy(), y.detach().cpu().double().numpy()
    residual = X @ W + B - Y
    scale = 2.0 / residual.size
    new_w = W - lr * scale * (X.T @ residual)
    new_b = B - lr * scale * residual.sum(axis=0)
    return (torch.from_numpy(np.asarray(new_w)).to(device=w.device, dtype=w.dtype),
            torch.from_numpy(np.asarray(new_b)).to(device=b.device, dtype=b.dtype))
