"""Counts a bias for the pointwise layer only, as if the depthwise layer had none."""


def separable_param_count(in_channels, out_channels, kernel_size, bias=True):
    if in_channels < 1:
        raise ValueError("in_channels must be positive")
    kh, kw = (kernel_size, kernel_size) if isinstance(kernel_size, int) else kernel_size
    return in_channels * kh * kw + in_channels * out_channels + (out_channels if bias else 0)
