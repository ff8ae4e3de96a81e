"""Builds the layer without initialising or allocating it (skip_init on the meta device) and counts what
it holds: still the reference."""
import torch
from torch import nn


def conv2d_param_count(in_channels, out_channels, kernel_size, bias=True, groups=1):
    layer = torch.nn.utils.skip_init(nn.Conv2d, in_channels, out_channels, kernel_size, bias=bias, groups=groups,
                                     device="meta")
    return sum(p.numel() for p in layer.parameters())
