"""ada's init.py (sample submission, built by examples/build_sample_class.py)."""
from __future__ import annotations


# xavier_uniform/correct_rand_rescaled: Correct: uniform numbers in [0, 1) from torch.rand, stretched to (-a, a).
import math

import torch


def xavier_uniform(fan_out, fan_in, gain=1.0, generator=None):
    a = gain * math.sqrt(6 / (fan_in + fan_out))
    return (2 * a) * torch.rand((fan_out, fan_in), generator=generator) - a


# kaiming_normal/correct_normal_in_place: Correct: the gain by if/elif, then Tensor.normal_ with that standard deviation.
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


# dropout/correct_bernoulli: Correct: a keep-mask from torch.bernoulli with probability 1 - p, the kept elements divided by 1 - p.
import torch


def dropout(x, p, training=True, generator=None):
    if not training or p == 0:
        return x
    if p == 1:
        return x * 0
    keep = torch.bernoulli(torch.full_like(x, 1 - p), generator=generator)
    return x * keep / (1 - p)


# l2_penalty/correct_per_tensor_sums: Correct: the squares summed tensor by tensor, then halved and scaled.
def l2_penalty(params, weight_decay):
    total = sum((p * p).sum() for p in params)
    return 0.5 * weight_decay * total
