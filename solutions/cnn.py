"""Convolutional networks (solutions)."""

from __future__ import annotations

import torch
import torch.nn.functional as F
from torch import Tensor


def conv_output_size(input_size: int, kernel_size: int, stride: int = 1, padding: int = 0,
                     dilation: int = 1) -> int:
    """Length of one spatial dimension after a PyTorch convolution."""
    if input_size < 1 or kernel_size < 1 or stride < 1 or dilation < 1:
        raise ValueError("input_size, kernel_size, stride and dilation must all be >= 1")
    if padding < 0:
        raise ValueError("padding must be >= 0")
    span = dilation * (kernel_size - 1) + 1
    if span > input_size + 2 * padding:
        raise ValueError(f"the dilated kernel ({span}) is larger than the padded input ({input_size + 2 * padding})")
    return (input_size + 2 * padding - span) // stride + 1


def _pair(value: int | tuple[int, int]) -> tuple[int, int]:
    return (value, value) if isinstance(value, int) else (int(value[0]), int(value[1]))


def conv2d(x: Tensor, weight: Tensor, bias: Tensor | None = None, stride: int | tuple[int, int] = 1,
           padding: int | tuple[int, int] = 0, dilation: int | tuple[int, int] = 1, groups: int = 1) -> Tensor:
    """``F.conv2d`` by im2col: unfold every receptive field into a column, then one matrix product per group."""
    unbatched = x.dim() == 3
    if unbatched:
        x = x.unsqueeze(0)
    batch, _, height, width = x.shape
    c_out, c_in_group, kh, kw = weight.shape
    (sh, sw), (ph, pw), (dh, dw) = _pair(stride), _pair(padding), _pair(dilation)
    h_out = (height + 2 * ph - dh * (kh - 1) - 1) // sh + 1
    w_out = (width + 2 * pw - dw * (kw - 1) - 1) // sw + 1
    # (B, C_in * kH * kW, L): channel-major rows, so each group's rows are one contiguous block
    cols = F.unfold(x, (kh, kw), dilation=(dh, dw), padding=(ph, pw), stride=(sh, sw))
    cols = cols.reshape(batch, groups, c_in_group * kh * kw, h_out * w_out)
    filters = weight.reshape(groups, c_out // groups, c_in_group * kh * kw)
    out = torch.matmul(filters, cols).reshape(batch, c_out, h_out, w_out)
    if bias is not None:
        out = out + bias.reshape(1, c_out, 1, 1)
    return out.squeeze(0) if unbatched else out


def _windows(x: Tensor, kernel_size: int | tuple[int, int], stride: int | tuple[int, int] | None,
             padding: int | tuple[int, int], fill: float) -> Tensor:
    """Every pooling window as the last two dims: ``(..., H_out, W_out, kH, kW)``, padded with ``fill``."""
    (kh, kw), (ph, pw) = _pair(kernel_size), _pair(padding)
    sh, sw = _pair(kernel_size if stride is None else stride)
    padded = F.pad(x, (pw, pw, ph, ph), value=fill)
    return padded.unfold(-2, kh, sh).unfold(-2, kw, sw)


def max_pool2d(x: Tensor, kernel_size: int | tuple[int, int], stride: int | tuple[int, int] | None = None,
               padding: int | tuple[int, int] = 0) -> Tensor:
    """``F.max_pool2d``: the maximum of each window; padding holds -inf so it never wins."""
    return _windows(x, kernel_size, stride, padding, float("-inf")).amax(dim=(-2, -1))


def avg_pool2d(x: Tensor, kernel_size: int | tuple[int, int], stride: int | tuple[int, int] | None = None,
               padding: int | tuple[int, int] = 0) -> Tensor:
    """``F.avg_pool2d`` with ``count_include_pad=True``: padded zeros count, so every window is a plain mean."""
    return _windows(x, kernel_size, stride, padding, 0.0).mean(dim=(-2, -1))


def conv_transpose_output_size(input_size: int, kernel_size: int, stride: int = 1, padding: int = 0,
                               output_padding: int = 0, dilation: int = 1) -> int:
    """Length of one spatial dimension after a PyTorch transposed convolution."""
    if input_size < 1 or kernel_size < 1 or stride < 1 or dilation < 1:
        raise ValueError("input_size, kernel_size, stride and dilation must all be >= 1")
    if padding < 0 or output_padding < 0:
        raise ValueError("padding and output_padding must be >= 0")
    if output_padding >= stride and output_padding >= dilation:
        raise ValueError(f"output_padding ({output_padding}) must be smaller than stride ({stride}) or "
                         f"dilation ({dilation})")
    size = (input_size - 1) * stride - 2 * padding + dilation * (kernel_size - 1) + output_padding + 1
    if size < 1:
        raise ValueError(f"the output would have {size} positions")
    return size


def conv_transpose2d(x: Tensor, weight: Tensor, bias: Tensor | None = None, stride: int | tuple[int, int] = 1,
                     padding: int | tuple[int, int] = 0) -> Tensor:
    """``F.conv_transpose2d`` by col2im: one matrix product gives every pixel's scaled kernel copy, and fold
    adds the copies into place (``stride`` apart), cropping ``padding`` from every side."""
    unbatched = x.dim() == 3
    if unbatched:
        x = x.unsqueeze(0)
    batch, c_in, height, width = x.shape
    _, c_out, kh, kw = weight.shape
    (sh, sw), (ph, pw) = _pair(stride), _pair(padding)
    h_out = (height - 1) * sh - 2 * ph + kh
    w_out = (width - 1) * sw - 2 * pw + kw
    # (B, C_out * kH * kW, H * W): column l holds the kernel copy scattered by input pixel l
    cols = torch.matmul(weight.reshape(c_in, c_out * kh * kw).T, x.reshape(batch, c_in, height * width))
    out = F.fold(cols, (h_out, w_out), (kh, kw), padding=(ph, pw), stride=(sh, sw))
    if bias is not None:
        out = out + bias.reshape(1, c_out, 1, 1)
    return out.squeeze(0) if unbatched else out


def conv2d_param_count(in_channels: int, out_channels: int, kernel_size: int | tuple[int, int], bias: bool = True,
                       groups: int = 1) -> int:
    """Parameters of ``nn.Conv2d``: a ``(out, in // groups, kH, kW)`` weight and an optional ``(out,)`` bias."""
    if groups < 1:
        raise ValueError("groups must be a positive integer")
    if in_channels % groups or out_channels % groups:
        raise ValueError("in_channels and out_channels must both be divisible by groups")
    kh, kw = _pair(kernel_size)
    return out_channels * (in_channels // groups) * kh * kw + (out_channels if bias else 0)


def depthwise_separable_conv2d(x: Tensor, depthwise_weight: Tensor, pointwise_weight: Tensor,
                               depthwise_bias: Tensor | None = None, pointwise_bias: Tensor | None = None,
                               stride: int | tuple[int, int] = 1, padding: int | tuple[int, int] = 0,
                               dilation: int | tuple[int, int] = 1) -> Tensor:
    """Depthwise by unfold (each channel's windows weighted by its own filters), pointwise by one matmul."""
    unbatched = x.dim() == 3
    if unbatched:
        x = x.unsqueeze(0)
    batch, channels, height, width = x.shape
    filters, _, kh, kw = depthwise_weight.shape
    multiplier = filters // channels
    (sh, sw), (ph, pw), (dh, dw) = _pair(stride), _pair(padding), _pair(dilation)
    h_out = (height + 2 * ph - dh * (kh - 1) - 1) // sh + 1
    w_out = (width + 2 * pw - dw * (kw - 1) - 1) // sw + 1
    # (B, C, kH * kW, L): the windows of each channel, kept apart from the other channels'
    cols = F.unfold(x, (kh, kw), dilation=(dh, dw), padding=(ph, pw), stride=(sh, sw))
    cols = cols.reshape(batch, channels, 1, kh * kw, h_out * w_out)
    taps = depthwise_weight.reshape(1, channels, multiplier, kh * kw, 1)
    depthwise = (cols * taps).sum(dim=3).reshape(batch, filters, h_out * w_out)
    if depthwise_bias is not None:
        depthwise = depthwise + depthwise_bias.reshape(1, filters, 1)
    out = torch.matmul(pointwise_weight.reshape(-1, filters), depthwise)
    if pointwise_bias is not None:
        out = out + pointwise_bias.reshape(1, -1, 1)
    out = out.reshape(batch, -1, h_out, w_out)
    return out.squeeze(0) if unbatched else out


def separable_param_count(in_channels: int, out_channels: int, kernel_size: int | tuple[int, int],
                          bias: bool = True) -> int:
    """A depthwise ``(in, 1, kH, kW)`` and a pointwise ``(out, in, 1, 1)`` weight, with a bias each."""
    if in_channels < 1:
        raise ValueError("in_channels must be positive: the depthwise layer has groups=in_channels")
    kh, kw = _pair(kernel_size)
    depthwise = in_channels * kh * kw + (in_channels if bias else 0)
    pointwise = out_channels * in_channels + (out_channels if bias else 0)
    return depthwise + pointwise
