"""Writes down the weight's shape and multiplies it out with math.prod; the bias is one more vector."""
import math


def conv2d_param_count(in_channels, out_channels, kernel_size, bias=True, groups=1):
    if not isinstance(groups, int) or groups <= 0:
        raise ValueError("groups must be a positive integer")
    if in_channels % groups != 0:
        raise ValueError("in_channels must be divisible by groups")
    if out_channels % groups != 0:
        raise ValueError("out_channels must be divisible by groups")
    kernel = (kernel_size, kernel_size) if isinstance(kernel_size, int) else tuple(kernel_size)
    weight_shape = (out_channels, in_channels // groups, *kernel)
    return math.prod(weight_shape) + (out_channels if bias else 0)
