"""Builds the nn.Conv2d and counts its parameters: the reference itself."""
from torch import nn


def conv2d_param_count(in_channels, out_channels, kernel_size, bias=True, groups=1):
    layer = nn.Conv2d(in_channels, out_channels, kernel_size, bias=bias, groups=groups)
    return sum(p.numel() for p in layer.parameters())
