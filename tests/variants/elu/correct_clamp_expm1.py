"""The positive part plus alpha * expm1 of the negative part; clamping first keeps exp from overflowing."""
import torch


def elu(x, alpha=1.0):
    return x.clamp(min=0) + alpha * torch.expm1(x.clamp(max=0))
