"""Crops the padding from one end only: - padding instead of - 2 * padding."""


def conv_transpose_output_size(input_size, kernel_size, stride=1, padding=0, output_padding=0, dilation=1):
    if input_size < 1 or kernel_size < 1 or stride < 1 or dilation < 1 or padding < 0 or output_padding < 0:
        raise ValueError("invalid")
    if output_padding >= stride and output_padding >= dilation:
        raise ValueError("output_padding too large")
    out = (input_size - 1) * stride - padding + dilation * (kernel_size - 1) + output_padding + 1
    if out < 1:
        raise ValueError("empty output")
    return out
