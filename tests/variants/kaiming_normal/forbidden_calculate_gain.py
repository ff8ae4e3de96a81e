"""Looks the gain up with torch.nn.init.calculate_gain instead of working it out."""
import math

import torch


def kaiming_normal(fan_out, fan_in, a=0.0, mode="fan_in", nonlinearity="leaky_relu", generator=None):
    gain = torch.nn.init.calculate_gain(nonlinearity, a)
    fan = fan_in if mode == "fan_in" else fan_out
    return torch.randn(fan_out, fan_in, generator=generator) * (gain / math.sqrt(fan))
