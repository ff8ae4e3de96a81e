"""Always divides by sqrt(fan_in), whatever the mode."""
import math

import torch

GAIN_OF = {"linear": 1.0, "sigmoid": 1.0, "tanh": 5 / 3, "relu": math.sqrt(2), "selu": 0.75}


def kaiming_normal(fan_out, fan_in, a=0.0, mode="fan_in", nonlinearity="leaky_relu", generator=None):
    gain = math.sqrt(2 / (1 + a * a)) if nonlinearity == "leaky_relu" else GAIN_OF[nonlinearity]
    return torch.randn(fan_out, fan_in, generator=generator) * gain / math.sqrt(fan_in)
