"""Convolutional networks.

Fill in the functions below, then run ``autograder check`` to see how they do.
"""

from __future__ import annotations

import torch


def conv_output_size(input_size: int, kernel_size: int, stride: int = 1, padding: int = 0,
                     dilation: int = 1) -> int:
    r"""Length of one spatial dimension after a PyTorch convolution (``nn.Conv1d``/``Conv2d``/``Conv3d``).

    PyTorch pads the input with ``padding`` zeros on *both* sides, spreads the kernel's ``kernel_size``
    taps ``dilation`` apart (so it covers ``dilation * (kernel_size - 1) + 1`` positions), and slides it
    by ``stride``, keeping only the positions where the whole kernel fits:

        out = floor((input_size + 2 * padding - dilation * (kernel_size - 1) - 1) / stride) + 1

    Raise ``ValueError`` for every configuration PyTorch rejects:
    ``input_size``, ``kernel_size``, ``stride`` or ``dilation`` below 1, ``padding`` below 0, or a
    dilated kernel longer than the padded input.

    Example: a 7-wide input, kernel 2, stride 3, padding 1, dilation 2:
    floor((7 + 2 - 2 - 1) / 3) + 1 = floor(6 / 3) + 1 = 3.

    >>> conv_output_size(32, 3)
    30
    >>> conv_output_size(28, 5, padding=2)
    28
    """
    raise NotImplementedError("conv_output_size: compute the formula in the docstring")


def conv2d(x: torch.Tensor, weight: torch.Tensor, bias: torch.Tensor | None = None,
           stride: int | tuple[int, int] = 1, padding: int | tuple[int, int] = 0,
           dilation: int | tuple[int, int] = 1, groups: int = 1) -> torch.Tensor:
    r"""2-d convolution, as ``torch.nn.functional.conv2d`` computes it (a cross-correlation: no kernel flip).

    Shapes: ``x`` is ``(B, C_in, H, W)`` or one unbatched image ``(C_in, H, W)``; ``weight`` is
    ``(C_out, C_in // groups, kH, kW)``; ``bias`` is ``(C_out,)`` or ``None``. The result is
    ``(B, C_out, H_out, W_out)`` (``(C_out, H_out, W_out)`` for an unbatched ``x``), with
    ``H_out = floor((H + 2 * pH - dH * (kH - 1) - 1) / sH) + 1`` and the same for ``W_out``.

    ``stride``, ``padding`` and ``dilation`` are an int (both axes) or a pair ``(along H, along W)``.
    The input is padded with ``padding`` zeros on both sides of each axis; the kernel's taps sit ``dilation``
    apart; it moves ``stride`` positions at a time:

        out[b, o, i, j] = bias[o] + sum over c, m, n of
                          weight[o, c, m, n] * x_padded[b, g * C_in_g + c, i * sH + m * dH, j * sW + n * dW]

    with ``C_in_g = C_in // groups`` and ``g = o // (C_out // groups)`` the group of output channel ``o``:
    ``groups`` splits the channels into independent convolutions, each seeing only its own ``C_in_g`` input
    channels (``groups = C_in``: depthwise, one filter set per channel).

    Example: one 3x3 image ``[[1, 2, 3], [4, 5, 6], [7, 8, 9]]`` and a 2x2 kernel ``[[1, 0], [0, -1]]``:
    ``out[0, 0] = 1*1 + 2*0 + 4*0 + 5*(-1) = -4``, and every output is -4 here: ``[[-4, -4], [-4, -4]]``.

    Unfold (``torch.nn.functional.unfold``, im2col) and a matrix product, or a loop over the kernel's taps,
    are good ways in. PyTorch's convolution operators (``F.conv2d``, ``nn.Conv2d``, ...) are not allowed.
    """
    raise NotImplementedError("conv2d: slide the kernel over the padded input (see the docstring)")


def max_pool2d(x: torch.Tensor, kernel_size: int | tuple[int, int], stride: int | tuple[int, int] | None = None,
               padding: int | tuple[int, int] = 0) -> torch.Tensor:
    r"""2-d max pooling, as ``torch.nn.functional.max_pool2d`` computes it (its defaults: no dilation, floor).

    ``x`` is ``(B, C, H, W)`` or ``(C, H, W)``; every channel is pooled on its own. Each output is the largest
    value of a ``kH x kW`` window; windows start ``stride`` apart. ``stride=None`` means
    ``stride = kernel_size`` (windows side by side, not the ``1`` of a convolution). ``kernel_size``, ``stride``
    and ``padding`` are an int or a pair ``(along H, along W)``.

    Padding adds ``padding`` positions on both sides of each axis that can never win: they hold ``-inf``, not
    zero (an all-negative window next to the border keeps its own maximum). PyTorch allows at most
    ``padding <= kernel_size // 2``. Only whole windows count (floor):

        H_out = floor((H + 2 * pH - kH) / sH) + 1          (and the same for W)

    Example: ``[[1, 2, 0, 5], [3, 4, 1, 1], [0, 0, 7, 0]]`` with ``kernel_size=2``: stride 2, windows over
    rows 0-1 only (row 2 is dropped by the floor), giving ``[[4, 5]]``.

    The output has the input's dtype. PyTorch's pooling operators are not allowed.
    """
    raise NotImplementedError("max_pool2d: take the maximum of each window (see the docstring)")


def avg_pool2d(x: torch.Tensor, kernel_size: int | tuple[int, int], stride: int | tuple[int, int] | None = None,
               padding: int | tuple[int, int] = 0) -> torch.Tensor:
    r"""2-d average pooling, as ``torch.nn.functional.avg_pool2d`` computes it with its defaults
    (``count_include_pad=True``, floor).

    ``x`` is ``(B, C, H, W)`` or ``(C, H, W)``; every channel is pooled on its own. Each output is the mean of
    a ``kH x kW`` window; windows start ``stride`` apart; ``stride=None`` means ``stride = kernel_size``.
    ``kernel_size``, ``stride`` and ``padding`` are an int or a pair ``(along H, along W)``.

    Padding adds ``padding`` zeros on both sides of each axis (at most ``kernel_size // 2``), and the padded
    zeros *count*: every window is divided by ``kH * kW``, however many of its positions are padding.
    Only whole windows count (floor):

        H_out = floor((H + 2 * pH - kH) / sH) + 1          (and the same for W)

    Example: ``[[1, 2], [3, 4]]`` with ``kernel_size=2, padding=1`` pads to a 4x4 of zeros around it; the
    windows (stride 2) each hold one value: ``[[1/4, 2/4], [3/4, 4/4]]``.

    The output has the input's dtype. PyTorch's pooling operators are not allowed.
    """
    raise NotImplementedError("avg_pool2d: average each window, padded zeros included (see the docstring)")


def conv_transpose_output_size(input_size: int, kernel_size: int, stride: int = 1, padding: int = 0,
                               output_padding: int = 0, dilation: int = 1) -> int:
    r"""Length of one spatial dimension after a PyTorch transposed convolution (``nn.ConvTranspose2d``...).

    A transposed convolution runs a convolution's shape rule backwards: each input position spreads the
    dilated kernel (``dilation * (kernel_size - 1) + 1`` positions) starting ``stride`` apart, ``padding`` is
    *cropped* from both ends, and ``output_padding`` adds positions at one end only:

        out = (input_size - 1) * stride - 2 * padding + dilation * (kernel_size - 1) + output_padding + 1

    ``output_padding`` exists because several input sizes give the same convolution output size; it picks
    which one to undo, so it must be smaller than ``stride`` *or* smaller than ``dilation`` (PyTorch rejects
    it only when it is at least both).

    Raise ``ValueError`` for every configuration PyTorch rejects: ``input_size``, ``kernel_size``, ``stride``
    or ``dilation`` below 1, ``padding`` or ``output_padding`` below 0, ``output_padding`` not below
    ``stride`` nor below ``dilation``, or a result below 1.

    Example: the DCGAN upsampler, 16 positions, kernel 4, stride 2, padding 1:
    (16 - 1) * 2 - 2 + 3 + 0 + 1 = 32.

    >>> conv_transpose_output_size(5, 3)
    7
    >>> conv_transpose_output_size(5, 3, stride=2, padding=1, output_padding=1)
    10
    """
    raise NotImplementedError("conv_transpose_output_size: compute the formula in the docstring")


def conv_transpose2d(x: torch.Tensor, weight: torch.Tensor, bias: torch.Tensor | None = None,
                     stride: int | tuple[int, int] = 1, padding: int | tuple[int, int] = 0) -> torch.Tensor:
    r"""2-d transposed convolution, as ``torch.nn.functional.conv_transpose2d`` computes it (no groups, no
    dilation, no output padding).

    Shapes: ``x`` is ``(B, C_in, H, W)`` or ``(C_in, H, W)``; ``weight`` is ``(C_in, C_out, kH, kW)`` (note:
    input channels first, the transpose of a convolution's layout); ``bias`` is ``(C_out,)`` or ``None``.
    ``stride`` and ``padding`` are an int or a pair ``(along H, along W)``.

    Every input pixel *scatters* a copy of the kernel, scaled by its value, into the output; copies start
    ``stride`` apart and overlapping copies add up. On the full (uncropped) output:

        full[b, o, i * sH + m, j * sW + n] += x[b, c, i, j] * weight[c, o, m, n]     for every c, i, j, m, n

    ``full`` is ``((H - 1) * sH + kH) x ((W - 1) * sW + kW)``; ``padding`` then *removes* ``pH`` rows from
    the top and from the bottom (``pW`` columns from each side), and ``bias[o]`` is added everywhere:

        H_out = (H - 1) * sH - 2 * pH + kH          (and the same for W)

    Example: a 2x2 input ``[[1, 2], [3, 4]]`` with a 2x2 kernel of ones, stride 2: each pixel fills its own
    2x2 block, ``[[1, 1, 2, 2], [1, 1, 2, 2], [3, 3, 4, 4], [3, 3, 4, 4]]``; with stride 1 the blocks overlap
    into a 3x3 ``[[1, 3, 2], [4, 10, 6], [3, 7, 4]]``.

    A matrix product followed by ``torch.nn.functional.fold`` (col2im), or a loop over the kernel's taps, are
    good ways in. PyTorch's convolution operators are not allowed.
    """
    raise NotImplementedError("conv_transpose2d: scatter each input pixel through the kernel (see the docstring)")


def conv2d_param_count(in_channels: int, out_channels: int, kernel_size: int | tuple[int, int], bias: bool = True,
                       groups: int = 1) -> int:
    r"""How many learnable numbers ``nn.Conv2d(in_channels, out_channels, kernel_size, bias=bias, groups=groups)``
    holds: ``sum(p.numel() for p in layer.parameters())``.

    The weight is ``(out_channels, in_channels // groups, kH, kW)``: each output channel sees only the
    ``in_channels // groups`` input channels of its group. The bias adds one number per output channel:

        count = out_channels * (in_channels // groups) * kH * kW + (out_channels if bias else 0)

    ``kernel_size`` is an int (a square kernel) or a pair ``(kH, kW)``. Return an ``int``.

    Raise ``ValueError`` where ``nn.Conv2d`` does: ``groups`` below 1, or ``groups`` not dividing
    ``in_channels`` or not dividing ``out_channels``.

    Example: a depthwise 3x3 layer on 32 channels (``groups=32``): 32 * 1 * 3 * 3 + 32 = 320, where the
    ordinary layer (``groups=1``) has 32 * 32 * 9 + 32 = 9248.

    >>> conv2d_param_count(3, 16, 3)
    448
    """
    raise NotImplementedError("conv2d_param_count: count the weight and bias entries (see the docstring)")


def depthwise_separable_conv2d(x: torch.Tensor, depthwise_weight: torch.Tensor, pointwise_weight: torch.Tensor,
                               depthwise_bias: torch.Tensor | None = None, pointwise_bias: torch.Tensor | None = None,
                               stride: int | tuple[int, int] = 1, padding: int | tuple[int, int] = 0,
                               dilation: int | tuple[int, int] = 1) -> torch.Tensor:
    r"""MobileNet's depthwise separable convolution: a *depthwise* convolution that filters every channel on
    its own, then a *pointwise* one (a 1x1 convolution) that mixes the channels. As PyTorch computes it:

        y   = F.conv2d(x, depthwise_weight, depthwise_bias, stride, padding, dilation, groups=C)
        out = F.conv2d(y, pointwise_weight, pointwise_bias)

    Shapes: ``x`` is ``(B, C, H, W)`` or one unbatched image ``(C, H, W)``. ``depthwise_weight`` is
    ``(C * M, 1, kH, kW)``: ``M`` filters per input channel (the depth multiplier, usually 1), filter ``m`` of
    channel ``c`` in row ``c * M + m``; ``depthwise_bias`` is ``(C * M,)`` or ``None``. ``pointwise_weight``
    is ``(C_out, C * M, 1, 1)``, ``pointwise_bias`` ``(C_out,)`` or ``None``. ``stride``, ``padding`` (zeros on
    both sides) and ``dilation``, an int or a pair ``(along H, along W)``, belong to the depthwise step; the
    pointwise step has stride 1 and no padding. With ``x_padded`` the padded input:

        y[b, c*M + m, i, j] = depthwise_bias[c*M + m] + sum over p, q of
                              depthwise_weight[c*M + m, 0, p, q] * x_padded[b, c, i*sH + p*dH, j*sW + q*dW]
        out[b, o, i, j]     = pointwise_bias[o] + sum over k of pointwise_weight[o, k, 0, 0] * y[b, k, i, j]

    The result is ``(B, C_out, H_out, W_out)`` (``(C_out, H_out, W_out)`` unbatched), with
    ``H_out = floor((H + 2 * pH - dH * (kH - 1) - 1) / sH) + 1`` and the same for ``W_out``.

    Why: per output pixel, a ``kH x kW`` convolution from C to C_out channels multiplies
    ``C_out * C * kH * kW`` times, the separable one ``C * M * kH * kW + C_out * C * M`` times: for 3x3 and
    64 -> 128 channels, 73,728 against 8,768, 8.4 times fewer.

    Example: two 2x2 channels ``[[1, 2], [3, 4]]`` and ``[[5, 6], [7, 8]]``, 2x2 depthwise filters of ones for
    channel 0 and ``[[1, 0], [0, -1]]`` for channel 1, no biases: ``y`` is ``10`` and ``5 - 8 = -3`` (one pixel
    per channel); a pointwise weight ``[[1, 2]]`` (shape ``(1, 2, 1, 1)``) mixes them into ``10 + 2 * -3 = 4``.

    >>> x = torch.tensor([[[1.0, 2.0], [3.0, 4.0]], [[5.0, 6.0], [7.0, 8.0]]])
    >>> depthwise = torch.tensor([[[[1.0, 1.0], [1.0, 1.0]]], [[[1.0, 0.0], [0.0, -1.0]]]])
    >>> depthwise_separable_conv2d(x, depthwise, torch.tensor([[[[1.0]], [[2.0]]]]))
    tensor([[[4.]]])

    Unfold or a loop over the kernel's taps for the depthwise step, and a matrix product or ``einsum`` for
    the pointwise one, are good ways in. PyTorch's convolution operators are not allowed.
    """
    raise NotImplementedError("depthwise_separable_conv2d: filter each channel alone, then mix them (1x1)")


def separable_param_count(in_channels: int, out_channels: int, kernel_size: int | tuple[int, int],
                          bias: bool = True) -> int:
    r"""How many learnable numbers a depthwise separable convolution holds: its two layers,
    ``nn.Conv2d(in_channels, in_channels, kernel_size, groups=in_channels, bias=bias)`` (depthwise) and
    ``nn.Conv2d(in_channels, out_channels, 1, bias=bias)`` (pointwise), counted as
    ``sum(p.numel() for p in layer.parameters())`` over both.

    The depthwise layer holds one ``kH x kW`` filter per channel, ``(in_channels, 1, kH, kW)``; the pointwise
    layer a ``(out_channels, in_channels, 1, 1)`` weight. ``bias`` gives each layer one number per output
    channel:

        count = in_channels * kH * kW + in_channels * out_channels
                + (in_channels + out_channels if bias else 0)

    ``kernel_size`` is an int (a square kernel) or a pair ``(kH, kW)``. Return an ``int``. Raise
    ``ValueError`` where ``nn.Conv2d`` does: ``in_channels`` below 1 (the depthwise layer's ``groups``).

    Example: MobileNet's 3x3 block from 32 to 64 channels: 32 * 9 + 32 * 64 + 32 + 64 = 2,432, where
    ``nn.Conv2d(32, 64, 3)`` holds 64 * 32 * 9 + 64 = 18,496.

    >>> separable_param_count(32, 64, 3)
    2432
    """
    raise NotImplementedError("separable_param_count: count both layers' weights and biases (see the docstring)")
