"""The textbook 1 / (1 + exp(-x)) in float32 (or float64), where exp(1000) = inf gives exactly 0, cast back."""
import torch


def sigmoid(x):
    work = x.to(torch.promote_types(x.dtype, torch.float32))
    return (1 / (1 + torch.exp(-work))).to(x.dtype)
