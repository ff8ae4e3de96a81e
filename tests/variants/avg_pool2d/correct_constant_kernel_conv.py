"""Averaging is a depthwise convolution with a constant kernel 1 / (kH * kW); the convolution's zero padding
counts in the mean, as count_include_pad=True wants."""
import torch
import torch.nn.functional as F


def avg_pool2d(x, kernel_size, stride=None, padding=0):
    kh, kw = (kernel_size, kernel_size) if isinstance(kernel_size, int) else kernel_size
    stride = (kh, kw) if stride is None else stride
    unbatched = x.dim() == 3
    x4 = x.unsqueeze(0) if unbatched else x
    channels = x4.shape[1]
    weight = torch.full((channels, 1, kh, kw), 1.0 / (kh * kw), dtype=x.dtype, device=x.device)
    out = F.conv2d(x4, weight, stride=stride, padding=padding, groups=channels)
    return out[0] if unbatched else out
