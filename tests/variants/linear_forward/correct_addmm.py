"""torch.addmm on a 2-d view (bias + rows @ W^T in one BLAS call), zeros standing in for a missing bias."""
import torch


def linear_forward(x, weight, bias=None):
    if bias is None:
        bias = torch.zeros(weight.shape[0], dtype=x.dtype, device=x.device)
    rows = x.reshape(-1, x.shape[-1])
    return torch.addmm(bias, rows, weight.t()).reshape(*x.shape[:-1], weight.shape[0])
