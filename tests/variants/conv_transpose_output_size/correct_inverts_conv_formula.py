"""Undoes a convolution's shape rule by search: the shortest length whose ordinary convolution has
input_size positions, plus the output padding that picks a longer one."""


def _conv_out(n, k, s, p, d):
    return (n + 2 * p - d * (k - 1) - 1) // s + 1


def conv_transpose_output_size(input_size, kernel_size, stride=1, padding=0, output_padding=0, dilation=1):
    if input_size < 1 or kernel_size < 1 or stride < 1 or dilation < 1:
        raise ValueError("sizes, stride and dilation must be positive")
    if padding < 0 or output_padding < 0:
        raise ValueError("padding must not be negative")
    if output_padding >= max(stride, dilation):
        raise ValueError("output_padding too large")
    # start where the padded length is 1 (at most one output position) and count up; the cropping may make
    # the length zero or negative, and only the output padding can bring it back to a size PyTorch accepts
    n = 1 - 2 * padding
    while _conv_out(n, kernel_size, stride, padding, dilation) < input_size:
        n += 1
    if n + output_padding < 1:
        raise ValueError("output would be empty")
    return n + output_padding
