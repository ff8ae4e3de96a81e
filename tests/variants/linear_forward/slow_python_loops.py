"""Correct, but every output is a Python sum over the inputs, reading the tensors one element at a time."""
import torch


def linear_forward(x, weight, bias=None):
    rows = x.reshape(-1, x.shape[-1])
    n_out, n_in = weight.shape
    out = torch.empty(rows.shape[0], n_out, dtype=x.dtype, device=x.device)
    for r in range(rows.shape[0]):
        for o in range(n_out):
            total = float(bias[o]) if bias is not None else 0.0
            for i in range(n_in):
                total += float(rows[r, i]) * float(weight[o, i])
            out[r, o] = total
    return out.reshape(*x.shape[:-1], n_out)
