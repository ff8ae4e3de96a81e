"""Forgets dilation: treats the kernel as kernel_size wide."""


def conv_output_size(input_size, kernel_size, stride=1, padding=0, dilation=1):
    if min(input_size, kernel_size, stride, dilation) < 1 or padding < 0:
        raise ValueError("bad configuration")
    if kernel_size > input_size + 2 * padding:
        raise ValueError("kernel larger than input")
    return (input_size + 2 * padding - kernel_size) // stride + 1
