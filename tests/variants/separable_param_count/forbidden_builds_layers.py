"""Builds the two nn.Conv2d layers and counts their parameters: the reference itself."""
from torch import nn


def separable_param_count(in_channels, out_channels, kernel_size, bias=True):
    layers = [nn.Conv2d(in_channels, in_channels, kernel_size, groups=in_channels, bias=bias),
              nn.Conv2d(in_channels, out_channels, 1, bias=bias)]
    return sum(p.numel() for layer in layers for p in layer.parameters())
