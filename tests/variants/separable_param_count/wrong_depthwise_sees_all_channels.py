"""Counts the depthwise layer as an ordinary in -> in convolution: every filter over every input channel."""


def separable_param_count(in_channels, out_channels, kernel_size, bias=True):
    if in_channels < 1:
        raise ValueError("in_channels must be positive")
    kh, kw = (kernel_size, kernel_size) if isinstance(kernel_size, int) else kernel_size
    count = in_channels * in_channels * kh * kw + in_channels * out_channels
    return count + (in_channels + out_channels if bias else 0)
