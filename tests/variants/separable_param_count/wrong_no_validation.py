"""The formula without any check: zero or negative input channels give a number where nn.Conv2d refuses."""


def separable_param_count(in_channels, out_channels, kernel_size, bias=True):
    kh, kw = (kernel_size, kernel_size) if isinstance(kernel_size, int) else kernel_size
    count = in_channels * kh * kw + in_channels * out_channels
    return count + (in_channels + out_channels if bias else 0)
