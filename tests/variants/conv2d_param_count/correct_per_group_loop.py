"""Counts group by group: each group is an ordinary convolution from in/groups to out/groups channels."""


def conv2d_param_count(in_channels, out_channels, kernel_size, bias=True, groups=1):
    if groups < 1 or in_channels % groups or out_channels % groups:
        raise ValueError(f"groups={groups} must be positive and divide {in_channels} and {out_channels}")
    kh, kw = kernel_size if isinstance(kernel_size, tuple) else (kernel_size, kernel_size)
    total = 0
    for _ in range(groups):
        group_in, group_out = in_channels // groups, out_channels // groups
        total += group_out * group_in * kh * kw
        if bias:
            total += group_out
    return total
