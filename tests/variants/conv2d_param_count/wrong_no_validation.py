"""The formula without any check: floor division quietly accepts groups that do not divide the channels,
and groups=0 crashes with ZeroDivisionError."""


def conv2d_param_count(in_channels, out_channels, kernel_size, bias=True, groups=1):
    kh, kw = (kernel_size, kernel_size) if isinstance(kernel_size, int) else kernel_size
    return out_channels * (in_channels // groups) * kh * kw + (out_channels if bias else 0)
