"""Divides with / and returns a float (448.0), where PyTorch's count is an int."""


def conv2d_param_count(in_channels, out_channels, kernel_size, bias=True, groups=1):
    if groups < 1 or in_channels % groups or out_channels % groups:
        raise ValueError("invalid groups")
    kh, kw = (kernel_size, kernel_size) if isinstance(kernel_size, int) else kernel_size
    return out_channels * (in_channels / groups) * kh * kw + (out_channels if bias else 0)
