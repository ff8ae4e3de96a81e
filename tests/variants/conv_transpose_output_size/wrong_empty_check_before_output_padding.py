"""Refuses an empty output before adding the output padding: rejects the lengths that output_padding brings
back to 1."""


def conv_transpose_output_size(input_size, kernel_size, stride=1, padding=0, output_padding=0, dilation=1):
    if input_size < 1 or kernel_size < 1 or stride < 1 or dilation < 1 or padding < 0 or output_padding < 0:
        raise ValueError("invalid")
    if output_padding >= stride and output_padding >= dilation:
        raise ValueError("output_padding too large")
    cropped = (input_size - 1) * stride - 2 * padding + dilation * (kernel_size - 1) + 1
    if cropped < 1:
        raise ValueError("empty output")
    return cropped + output_padding
