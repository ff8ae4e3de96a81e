"""Validates everything but stride: dividing by a zero stride raises ZeroDivisionError, not ValueError."""


def conv_output_size(input_size, kernel_size, stride=1, padding=0, dilation=1):
    if min(input_size, kernel_size, dilation) < 1 or padding < 0:
        raise ValueError("bad configuration")
    span = dilation * (kernel_size - 1) + 1
    if span > input_size + 2 * padding:
        raise ValueError("kernel larger than input")
    return (input_size + 2 * padding - span) // stride + 1
