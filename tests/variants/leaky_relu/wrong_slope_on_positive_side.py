"""Scales the positive side instead of the negative one."""
import torch


def leaky_relu(x, negative_slope=0.01):
    return torch.where(x > 0, negative_slope * x, x)
