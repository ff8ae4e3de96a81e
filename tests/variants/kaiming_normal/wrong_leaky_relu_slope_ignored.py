"""Gives leaky_relu relu's gain sqrt(2), forgetting its negative slope a."""
import math

import torch

GAIN_OF = {"linear": 1.0, "sigmoid": 1.0, "tanh": 5 / 3, "relu": math.sqrt(2), "leaky_relu": math.sqrt(2),
           "selu": 0.75}


def kaiming_normal(fan_out, fan_in, a=0.0, mode="fan_in", nonlinearity="leaky_relu", generator=None):
    fan = fan_in if mode == "fan_in" else fan_out
    return torch.randn(fan_out, fan_in, generator=generator) * GAIN_OF[nonlinearity] / math.sqrt(fan)
