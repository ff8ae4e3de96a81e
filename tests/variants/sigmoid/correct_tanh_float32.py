"""sigmoid(x) = (1 + tanh(x / 2)) / 2, computed in at least float32 and cast back (half precision would
cancel 1 + tanh near -1)."""
import torch


def sigmoid(x):
    work = x.to(torch.promote_types(x.dtype, torch.float32))
    return (0.5 * (1 + torch.tanh(0.5 * work))).to(x.dtype)
