"""Uses the bound gain * sqrt(2 / (fan_in + fan_out)), which is the standard deviation of Xavier's normal
version, not the bound of its uniform one."""
import math

import torch


def xavier_uniform(fan_out, fan_in, gain=1.0, generator=None):
    a = gain * math.sqrt(2 / (fan_in + fan_out))
    return torch.empty(fan_out, fan_in).uniform_(-a, a, generator=generator)
