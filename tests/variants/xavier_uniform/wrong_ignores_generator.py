"""Draws from torch's global generator even when a generator is given."""
import math

import torch


def xavier_uniform(fan_out, fan_in, gain=1.0, generator=None):
    a = gain * math.sqrt(6 / (fan_in + fan_out))
    return torch.empty(fan_out, fan_in).uniform_(-a, a)
