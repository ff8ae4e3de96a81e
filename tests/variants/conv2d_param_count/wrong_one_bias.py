"""Counts the bias as a single number rather than one per output channel."""


def conv2d_param_count(in_channels, out_channels, kernel_size, bias=True, groups=1):
    if groups < 1 or in_channels % groups or out_channels % groups:
        raise ValueError("invalid groups")
    kh, kw = (kernel_size, kernel_size) if isinstance(kernel_size, int) else kernel_size
    return out_channels * (in_channels // groups) * kh * kw + (1 if bias else 0)
