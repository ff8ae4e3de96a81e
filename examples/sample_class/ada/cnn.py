"""ada's cnn.py (sample submission, built by examples/build_sample_class.py)."""
from __future__ import annotations


# conv_output_size/correct_loop: Counts the kernel positions one by one: slow to read, but right.
def conv_output_size(input_size, kernel_size, stride=1, padding=0, dilation=1):
    if input_size < 1 or kernel_size < 1 or stride < 1 or dilation < 1 or padding < 0:
        raise ValueError("invalid convolution")
    padded = input_size + 2 * padding
    span = dilation * (kernel_size - 1) + 1
    count, start = 0, 0
    while start + span <= padded:
        count += 1
        start += stride
    if count == 0:
        raise ValueError("kernel does not fit")
    return count


# conv2d/correct_kernel_taps: One strided slice of the padded input per kernel tap, contracted with that tap's weights by einsum; the
import torch
import torch.nn.functional as F


def _two(v):
    return (v, v) if isinstance(v, int) else tuple(v)


def conv2d(x, weight, bias=None, stride=1, padding=0, dilation=1, groups=1):
    squeeze = x.dim() == 3
    if squeeze:
        x = x[None]
    (sh, sw), (ph, pw), (dh, dw) = _two(stride), _two(padding), _two(dilation)
    n, c, h, w = x.shape
    o, cg, kh, kw = weight.shape
    ho = (h + 2 * ph - dh * (kh - 1) - 1) // sh + 1
    wo = (w + 2 * pw - dw * (kw - 1) - 1) // sw + 1
    xp = F.pad(x, (pw, pw, ph, ph)).reshape(n, groups, cg, h + 2 * ph, w + 2 * pw)
    wg = weight.reshape(groups, o // groups, cg, kh, kw)
    out = x.new_zeros(n, groups, o // groups, ho, wo)
    for m in range(kh):
        for k in range(kw):
            top, left = m * dh, k * dw
            patch = xp[:, :, :, top:top + sh * (ho - 1) + 1:sh, left:left + sw * (wo - 1) + 1:sw]
            out += torch.einsum("ngchw,goc->ngohw", patch, wg[:, :, :, m, k])
    out = out.reshape(n, o, ho, wo)
    if bias is not None:
        out = out + bias[:, None, None]
    return out[0] if squeeze else out


# max_pool2d/correct_as_strided: Builds the windows as one strided view with as_strided, then reduces the last two axes with amax.
import torch


def max_pool2d(x, kernel_size, stride=None, padding=0):
    kh, kw = (kernel_size,) * 2 if isinstance(kernel_size, int) else tuple(kernel_size)
    sh, sw = (kh, kw) if stride is None else ((stride,) * 2 if isinstance(stride, int) else tuple(stride))
    ph, pw = (padding,) * 2 if isinstance(padding, int) else tuple(padding)
    h, w = x.shape[-2:]
    padded = torch.full((*x.shape[:-2], h + 2 * ph, w + 2 * pw), float("-inf"), dtype=x.dtype, device=x.device)
    padded[..., ph:ph + h, pw:pw + w] = x
    padded = padded.contiguous()
    ho = (h + 2 * ph - kh) // sh + 1
    wo = (w + 2 * pw - kw) // sw + 1
    st = padded.stride()
    windows = padded.as_strided((*padded.shape[:-2], ho, wo, kh, kw),
                                (*st[:-2], st[-2] * sh, st[-1] * sw, st[-2], st[-1]))
    return windows.amax(dim=(-1, -2))


# avg_pool2d/correct_constant_kernel_conv: Averaging is a depthwise convolution with a constant kernel 1 / (kH * kW); the convolution's zero padding
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


# conv_transpose_output_size/correct_inverts_conv_formula: Undoes a convolution's shape rule by search: the shortest length whose ordinary convolution has
def _conv_out(n, k, s, p, d):
    return (n + 2 * p - d * (k - 1) - 1) // s + 1


def conv_transpose_output_size(input_size, kernel_size, stride=1, padding=0, output_padding=0, dilation=1):
    if input_size < 1 or kernel_size < 1 or stride < 1 or dilation < 1:
        raise ValueError("sizes, stride and dilation must be positive")
    if padding < 0 or output_padding < 0:
        raise ValueError("padding must not be negative")
    if output_padding >= max(stride, dilation):
        raise ValueError("output_padding too large")
    # start where the padded length is 1 (at most one output position) and count up; the cropping may make
    # the length zero or negative, and only the output padding can bring it back to a size PyTorch accepts
    n = 1 - 2 * padding
    while _conv_out(n, kernel_size, stride, padding, dilation) < input_size:
        n += 1
    if n + output_padding < 1:
        raise ValueError("output would be empty")
    return n + output_padding


# conv_transpose2d/correct_dilate_and_correlate: The textbook equivalence: put stride - 1 zeros between the input pixels, pad by k - 1 - padding, and run
import torch.nn.functional as F


def conv_transpose2d(x, weight, bias=None, stride=1, padding=0):
    s = (stride, stride) if isinstance(stride, int) else tuple(stride)
    p = (padding, padding) if isinstance(padding, int) else tuple(padding)
    unbatched = x.ndim == 3
    if unbatched:
        x = x[None]
    n, c_in, h, w = x.shape
    _, c_out, kh, kw = weight.shape
    spread = x.new_zeros(n, c_in, (h - 1) * s[0] + 1, (w - 1) * s[1] + 1)
    spread[:, :, ::s[0], ::s[1]] = x
    # a padding larger than k - 1 crops instead: pad by k - 1, then cut p from every side
    spread = F.pad(spread, (kw - 1, kw - 1, kh - 1, kh - 1))
    spread = spread[:, :, p[0]:spread.shape[2] - p[0], p[1]:spread.shape[3] - p[1]]
    ho, wo = spread.shape[2] - kh + 1, spread.shape[3] - kw + 1
    kernel = weight.flip(-2, -1).transpose(0, 1).reshape(c_out, c_in * kh * kw)
    out = (kernel @ F.unfold(spread, (kh, kw))).reshape(n, c_out, ho, wo)
    if bias is not None:
        out = out + bias.reshape(1, -1, 1, 1)
    return out[0] if unbatched else out


# conv2d_param_count/correct_per_group_loop: Counts group by group: each group is an ordinary convolution from in/groups to out/groups channels.
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


# depthwise_separable_conv2d/correct_kernel_taps: The depthwise step as a loop over the kernel's taps, each a strided slice of the padded input scaled by
import torch
import torch.nn.functional as F


def _two(v):
    return (v, v) if isinstance(v, int) else tuple(v)


def depthwise_separable_conv2d(x, depthwise_weight, pointwise_weight, depthwise_bias=None, pointwise_bias=None,
                               stride=1, padding=0, dilation=1):
    single = x.dim() == 3
    if single:
        x = x[None]
    (sh, sw), (ph, pw), (dh, dw) = _two(stride), _two(padding), _two(dilation)
    n, c, h, w = x.shape
    cm, _, kh, kw = depthwise_weight.shape
    m = cm // c
    ho = (h + 2 * ph - dh * (kh - 1) - 1) // sh + 1
    wo = (w + 2 * pw - dw * (kw - 1) - 1) // sw + 1
    # every input channel repeated M times, next to each other: channel c feeds filters c*M .. c*M + M - 1
    xp = F.pad(x, (pw, pw, ph, ph)).repeat_interleave(m, dim=1)
    y = x.new_zeros(n, cm, ho, wo)
    for p in range(kh):
        for q in range(kw):
            patch = xp[:, :, p * dh:p * dh + sh * (ho - 1) + 1:sh, q * dw:q * dw + sw * (wo - 1) + 1:sw]
            y = y + patch * depthwise_weight[:, 0, p, q].reshape(1, cm, 1, 1)
    if depthwise_bias is not None:
        y = y + depthwise_bias.reshape(1, cm, 1, 1)
    out = torch.einsum("ok,nkij->noij", pointwise_weight[:, :, 0, 0], y)
    if pointwise_bias is not None:
        out = out + pointwise_bias.reshape(1, -1, 1, 1)
    return out[0] if single else out


# separable_param_count/correct_weight_shapes: Writes down the four parameter shapes of the two layers and multiplies each out with math.prod.
import math


def separable_param_count(in_channels, out_channels, kernel_size, bias=True):
    if in_channels <= 0:
        raise ValueError("the depthwise layer needs groups = in_channels >= 1")
    kernel = (kernel_size, kernel_size) if isinstance(kernel_size, int) else tuple(kernel_size)
    shapes = [(in_channels, 1, *kernel), (out_channels, in_channels, 1, 1)]
    if bias:
        shapes += [(in_channels,), (out_channels,)]
    return sum(math.prod(shape) for shape in shapes)
