"""Correct: uniform numbers in [0, 1) from torch.rand, stretched to (-a, a)."""
import math

import torch


def xavier_uniform(fan_out, fan_in, gain=1.0, generator=None):
    a = gain * math.sqrt(6 / (fan_in + fan_out))
    return (2 * a) * torch.rand((fan_out, fan_in), generator=generator) - a
