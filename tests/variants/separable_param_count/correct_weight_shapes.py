"""Writes down the four parameter shapes of the two layers and multiplies each out with math.prod."""
import math


def separable_param_count(in_channels, out_channels, kernel_size, bias=True):
    if in_channels <= 0:
        raise ValueError("the depthwise layer needs groups = in_channels >= 1")
    kernel = (kernel_size, kernel_size) if isinstance(kernel_size, int) else tuple(kernel_size)
    shapes = [(in_channels, 1, *kernel), (out_channels, in_channels, 1, 1)]
    if bias:
        shapes += [(in_channels,), (out_channels,)]
    return sum(math.prod(shape) for shape in shapes)
