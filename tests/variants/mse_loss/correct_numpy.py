"""numpy's mean on the CPU, returned as a 0-dim tensor of the inputs' dtype and device."""
import numpy as np
import torch


def mse_loss(y_hat, y):
    d = y_hat.detach().cpu().numpy() - y.detach().cpu().numpy()
    return torch.tensor(np.mean(d * d), dtype=y_hat.dtype, device=y_hat.device)
