"""Counts every output channel as seeing every input channel: right for groups=1 only."""


def conv2d_param_count(in_channels, out_channels, kernel_size, bias=True, groups=1):
    if groups < 1 or in_channels % groups or out_channels % groups:
        raise ValueError("invalid groups")
    kh, kw = (kernel_size, kernel_size) if isinstance(kernel_size, int) else kernel_size
    return out_channels * in_channels * kh * kw + (out_channels if bias else 0)
