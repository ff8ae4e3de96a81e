"""numpy's matmul on the CPU, then back to x's device and dtype."""
import numpy as np
import torch


def linear_forward(x, weight, bias=None):
    y = np.matmul(x.detach().cpu().numpy(), weight.detach().cpu().numpy().T)
    if bias is not None:
        y = y + bias.detach().cpu().numpy()
    return torch.from_numpy(np.ascontiguousarray(y)).to(device=x.device, dtype=x.dtype)
