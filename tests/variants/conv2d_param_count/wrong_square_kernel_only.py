"""Takes the first entry of a kernel pair as the side of a square kernel."""


def conv2d_param_count(in_channels, out_channels, kernel_size, bias=True, groups=1):
    if groups < 1 or in_channels % groups or out_channels % groups:
        raise ValueError("invalid groups")
    k = kernel_size if isinstance(kernel_size, int) else kernel_size[0]
    return out_channels * (in_channels // groups) * k * k + (out_channels if bias else 0)
