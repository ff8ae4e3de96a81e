"""Correct: the gain by if/elif, then Tensor.normal_ with that standard deviation."""
import math

import torch


def kaiming_normal(fan_out, fan_in, a=0.0, mode="fan_in", nonlinearity="leaky_relu", generator=None):
    if nonlinearity in ("linear", "sigmoid"):
        gain = 1.0
    elif nonlinearity == "tanh":
        gain = 5.0 / 3.0
    elif nonlinearity == "relu":
        gain = math.sqrt(2.0)
    elif nonlinearity == "leaky_relu":
        gain = math.sqrt(2.0 / (1.0 + a ** 2))
    elif nonlinearity == "selu":
        gain = 3.0 / 4.0
    else:
        raise ValueError(f"no gain for {nonlinearity}")
    if mode == "fan_in":
        fan = fan_in
    elif mode == "fan_out":
        fan = fan_out
    else:
        raise ValueError(f"mode {mode} is neither fan_in nor fan_out")
    return torch.empty(fan_out, fan_in).normal_(0.0, gain / math.sqrt(fan), generator=generator)
