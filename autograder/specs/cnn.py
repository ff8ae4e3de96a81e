"""Convolutional networks: the shapes convolutions produce, convolution, transposed convolution, pooling,
depthwise separable convolution (MobileNet) and parameter counts."""

from __future__ import annotations

import math
import random
from collections.abc import Iterator
from contextlib import contextmanager

import torch
import torch.nn.functional as F
from torch import nn

from autograder.core.key import answer_key
from autograder.core.spec import DTYPES, Case, Exercise, Mistake, Timing, randn

ORDER = 10
# a size, stride, padding or dilation as PyTorch takes it: one int for both axes, or (height, width)
IntOrPair = int | tuple[int, int]


def conv_output_size_reference(input_size: int, kernel_size: int, stride: int = 1, padding: int = 0,
                               dilation: int = 1) -> int:
    """Ask PyTorch: run a real 1-d convolution over zeros and read the length it produces."""
    if input_size < 1:
        # PyTorch accepts no empty spatial dimension either; it only words the error differently
        raise ValueError("input_size must be >= 1")
    try:
        out = F.conv1d(torch.zeros(1, 1, input_size), torch.zeros(1, 1, kernel_size), stride=stride,
                       padding=padding, dilation=dilation)
    except RuntimeError as err:
        raise ValueError(str(err)) from None
    return int(out.shape[-1])


def _conv_inputs(params, gen):
    return dict(params)


def _random_conv(rng: random.Random) -> dict:
    kernel = rng.randint(1, 7)
    dilation = rng.choice([1, 1, 2, 3])
    padding = rng.randint(0, 3)
    stride = rng.randint(1, 4)
    span = dilation * (kernel - 1) + 1
    low = max(1, span - 2 * padding)
    # mostly valid configurations, sometimes one PyTorch rejects
    input_size = rng.randint(low, low + 40) if rng.random() < 0.85 else rng.randint(1, max(1, low - 1))
    return dict(input_size=input_size, kernel_size=kernel, stride=stride, padding=padding, dilation=dilation)


EXERCISES = [
    Exercise(
        id="conv_output_size",
        module="cnn",
        summary="length of one spatial dimension after a convolution",
        reference_note="a real `F.conv1d`",
        points=5,
        reference=conv_output_size_reference,
        mistakes=(
            Mistake("output_size_rounded_up", answer_key("cnn", "conv_output_size_rounded_up")),
            Mistake("dilated_span_too_wide", answer_key("cnn", "conv_output_size_dilation_times_kernel")),
            Mistake("ignores_dilation", answer_key("cnn", "conv_output_size_ignores_dilation")),
            Mistake("zero_stride_not_refused", answer_key("cnn", "conv_output_size_zero_stride_not_refused")),
            Mistake("impossible_configuration_accepted", answer_key("cnn", "conv_output_size_not_validated")),
            Mistake("padding_counted_once", answer_key("cnn", "conv_output_size_padding_counted_once")),
            Mistake("returns_float", answer_key("cnn", "conv_output_size_returns_float")),
        ),
        make_inputs=_conv_inputs,
        edge_cases=(
            Case("basic", dict(input_size=32, kernel_size=3, stride=1, padding=0, dilation=1)),
            Case("same_padding", dict(input_size=28, kernel_size=5, stride=1, padding=2, dilation=1)),
            Case("stride_floor", dict(input_size=10, kernel_size=3, stride=3, padding=0, dilation=1)),
            Case("stride_and_padding", dict(input_size=7, kernel_size=2, stride=3, padding=1, dilation=1)),
            Case("dilation", dict(input_size=11, kernel_size=3, stride=1, padding=0, dilation=4)),
            Case("dilation_stride_padding", dict(input_size=7, kernel_size=2, stride=3, padding=1, dilation=2)),
            Case("kernel_equals_input", dict(input_size=5, kernel_size=5, stride=2, padding=0, dilation=1)),
            Case("input_of_one", dict(input_size=1, kernel_size=1, stride=1, padding=0, dilation=1)),
            Case("padding_only_fits", dict(input_size=3, kernel_size=5, stride=1, padding=1, dilation=1)),
            Case("kernel_larger_than_input", dict(input_size=5, kernel_size=7, stride=1, padding=0, dilation=1)),
            Case("dilated_kernel_too_large", dict(input_size=5, kernel_size=3, stride=1, padding=0, dilation=3)),
            Case("zero_stride", dict(input_size=10, kernel_size=3, stride=0, padding=0, dilation=1)),
            Case("negative_padding", dict(input_size=10, kernel_size=3, stride=1, padding=-1, dilation=1)),
            Case("zero_kernel", dict(input_size=10, kernel_size=0, stride=1, padding=0, dilation=1)),
            Case("zero_dilation", dict(input_size=10, kernel_size=3, stride=1, padding=0, dilation=0)),
            Case("empty_input", dict(input_size=0, kernel_size=1, stride=1, padding=0, dilation=1)),
        ),
        random_case=_random_conv,
        n_random=30,
        # an integer formula: calling a convolution to read its shape would be answering with the reference
        forbidden=("aten::convolution", "aten::_convolution"),
    ),
]


# ---------------------------------------------------------------------------------------------------------
# Operators the tensor exercises forbid.

# Every operator that computes a convolution (or its transpose) in one call, on any backend: the entry
# points (F.conv2d, nn.Conv2d, F.conv_transpose2d and their 1-d/3-d siblings all reach aten::convolution),
# the CPU kernels they dispatch to (mkldnn, thnn/slow, dilated, depthwise, transposed; an unbatched or float64
# input takes the slow ones), the GPU ones, and convolution_backward, whose input gradient *is* a transposed
# convolution (torch.nn.grad.conv2d_input). Unfold (aten::im2col) and fold (aten::col2im) stay allowed: they
# only move values, the multiply-and-sum is left to the student.
CONVOLUTION_OPERATORS = (
    "aten::conv1d", "aten::conv2d", "aten::conv3d",
    "aten::conv_transpose1d", "aten::conv_transpose2d", "aten::conv_transpose3d",
    "aten::convolution", "aten::_convolution", "aten::_convolution_mode", "aten::convolution_overrideable",
    "aten::convolution_backward", "aten::convolution_backward_overrideable",
    "aten::mkldnn_convolution", "aten::thnn_conv2d", "aten::_slow_conv2d_forward", "aten::_slow_conv2d_backward",
    "aten::slow_conv_dilated2d", "aten::slow_conv_dilated3d", "aten::slow_conv3d", "aten::slow_conv3d_forward",
    "aten::_conv_depthwise2d", "aten::conv_depthwise3d", "aten::slow_conv_transpose2d",
    "aten::slow_conv_transpose3d", "aten::_nnpack_spatial_convolution", "aten::conv_tbc",
    "aten::cudnn_convolution", "aten::cudnn_convolution_transpose", "aten::cudnn_convolution_relu",
    "aten::cudnn_convolution_add_relu", "aten::miopen_convolution", "aten::miopen_convolution_transpose",
    "aten::miopen_depthwise_convolution", "aten::miopen_convolution_relu", "aten::miopen_convolution_add_relu",
    "aten::_mps_convolution", "aten::_mps_convolution_transpose",
)

# Every pooling operator, max and average, fixed and adaptive, on any backend: F.max_pool2d reaches
# aten::max_pool2d_with_indices, F.avg_pool2d aten::avg_pool2d, F.lp_pool2d goes through avg_pool2d.
POOLING_OPERATORS = (
    "aten::max_pool1d", "aten::max_pool1d_with_indices", "aten::max_pool2d", "aten::max_pool2d_with_indices",
    "aten::max_pool3d", "aten::max_pool3d_with_indices", "aten::mkldnn_max_pool2d", "aten::mkldnn_max_pool3d",
    "aten::quantized_max_pool1d", "aten::quantized_max_pool2d", "aten::quantized_max_pool3d",
    "aten::adaptive_max_pool1d", "aten::adaptive_max_pool2d", "aten::adaptive_max_pool3d",
    "aten::fractional_max_pool2d", "aten::fractional_max_pool3d",
    "aten::avg_pool1d", "aten::avg_pool2d", "aten::avg_pool3d",
    "aten::adaptive_avg_pool1d", "aten::adaptive_avg_pool2d", "aten::adaptive_avg_pool3d",
    "aten::_adaptive_avg_pool2d", "aten::_adaptive_avg_pool3d", "aten::mkldnn_adaptive_avg_pool2d",
)


@contextmanager
def _exact_float32() -> Iterator[None]:
    """cuDNN convolves float32 in TF32 by default (10-bit mantissa) while matmul does not: a correct im2col
    answer would then differ from the reference by ~1e-3. The references convolve in full float32."""
    saved = torch.backends.cudnn.allow_tf32
    torch.backends.cudnn.allow_tf32 = False
    try:
        yield
    finally:
        torch.backends.cudnn.allow_tf32 = saved


def _lead(params) -> tuple[int, ...]:
    """``B`` absent means one unbatched image ``(C, H, W)``."""
    return (params["B"],) if "B" in params else ()


def _maybe_batch(params: dict, B: int | None) -> dict:
    if B is not None:
        params["B"] = B
    return params


# ---------------------------------------------------------------------------------------------------------
# conv2d


def conv2d_reference(x: torch.Tensor, weight: torch.Tensor, bias: torch.Tensor | None = None,
                     stride: IntOrPair = 1, padding: IntOrPair = 0, dilation: IntOrPair = 1,
                     groups: int = 1) -> torch.Tensor:
    with _exact_float32():
        return F.conv2d(x, weight, bias, stride=stride, padding=padding, dilation=dilation, groups=groups)


def _conv2d_inputs(params, gen):
    """``C_in`` and ``C_out`` are the channels of the input and output (multiples of ``groups``); the kernel
    is ``kH x kW``; ``stride``, ``padding`` and ``dilation`` are passed as given (an int or a pair)."""
    groups, c_in, c_out, kh, kw = params["groups"], params["C_in"], params["C_out"], params["kH"], params["kW"]
    dtype = params["dtype"]
    fan_in = max(1, c_in // groups) * kh * kw
    # weights scaled by 1/sqrt(fan_in) keep every output near unit size, so float32's tolerance stays meaningful
    # and no single tap dominates: a flipped kernel, a swapped axis or a lost group changes every output
    return dict(
        x=randn(_lead(params) + (c_in, params["H"], params["W"]), gen, dtype),
        weight=randn((c_out, c_in // groups, kh, kw), gen, dtype, scale=1 / math.sqrt(fan_in)),
        bias=randn((c_out,), gen, dtype, scale=0.5) if params["bias"] else None,
        stride=params["stride"], padding=params["padding"], dilation=params["dilation"], groups=groups,
    )


def _conv2d_case(C_in: int, C_out: int, H: int, W: int, kH: int, kW: int, B: int | None = 2, stride=1,
                 padding=0, dilation=1, groups: int = 1, bias: bool = True, dtype: str = "float32") -> dict:
    return _maybe_batch(dict(C_in=C_in, C_out=C_out, H=H, W=W, kH=kH, kW=kW, stride=stride, padding=padding,
                             dilation=dilation, groups=groups, bias=bias, dtype=dtype), B)


def _int_or_pair(rng: random.Random, low: int, high: int):
    if rng.random() < 0.3:
        return (rng.randint(low, high), rng.randint(low, high))
    return rng.randint(low, high)


def _pair(value) -> tuple[int, int]:
    return (value, value) if isinstance(value, int) else tuple(value)


def _fitting_size(rng: random.Random, kernel: int, dilation: int, padding: int, extra: int) -> int:
    """A spatial size in which the (dilated) kernel fits the padded input at least once."""
    low = max(1, dilation * (kernel - 1) + 1 - 2 * padding)
    return rng.randint(low, low + extra)


def _random_conv2d(rng: random.Random) -> dict:
    groups = rng.choice([1, 1, 1, 2, 3])
    if rng.random() < 0.15:
        groups = rng.randint(2, 5)  # depthwise: one input channel per group
        c_in = groups
    else:
        c_in = groups * rng.randint(1, 3)
    c_out = groups * rng.randint(1, 3)
    kh, kw = rng.randint(1, 4), rng.randint(1, 4)
    stride, padding, dilation = _int_or_pair(rng, 1, 3), _int_or_pair(rng, 0, 2), _int_or_pair(rng, 1, 2)
    (ph, pw), (dh, dw) = _pair(padding), _pair(dilation)
    return _conv2d_case(C_in=c_in, C_out=c_out, H=_fitting_size(rng, kh, dh, ph, 7),
                        W=_fitting_size(rng, kw, dw, pw, 7), kH=kh, kW=kw,
                        B=rng.randint(1, 3) if rng.random() < 0.8 else None, stride=stride, padding=padding,
                        dilation=dilation, groups=groups, bias=rng.random() < 0.75,
                        dtype=rng.choice(["float32", "float64"]))


# ---------------------------------------------------------------------------------------------------------
# max_pool2d and avg_pool2d


def max_pool2d_reference(x: torch.Tensor, kernel_size: IntOrPair, stride: IntOrPair | None = None,
                         padding: IntOrPair = 0) -> torch.Tensor:
    return F.max_pool2d(x, kernel_size, stride=stride, padding=padding)


def avg_pool2d_reference(x: torch.Tensor, kernel_size: IntOrPair, stride: IntOrPair | None = None,
                         padding: IntOrPair = 0) -> torch.Tensor:
    return F.avg_pool2d(x, kernel_size, stride=stride, padding=padding, count_include_pad=True)


def _pool_inputs(params, gen):
    """``kernel_size``, ``stride`` (None: the kernel size) and ``padding`` passed as given; ``negative``: every
    input value is below zero, so a window that reaches into the padding shows what the padding holds."""
    shape = _lead(params) + (params["C"], params["H"], params["W"])
    x = randn(shape, gen, "float64")
    if params["negative"]:
        x = -(x.abs() + 0.5)
    return dict(x=x.to(DTYPES[params["dtype"]]), kernel_size=params["kernel_size"], stride=params["stride"],
                padding=params["padding"])


def _pool_case(C: int, H: int, W: int, kernel_size, stride=None, padding=0, B: int | None = 2,
               negative: bool = False, dtype: str = "float32") -> dict:
    return _maybe_batch(dict(C=C, H=H, W=W, kernel_size=kernel_size, stride=stride, padding=padding,
                             negative=negative, dtype=dtype), B)


def _random_pool(rng: random.Random) -> dict:
    kernel = _int_or_pair(rng, 1, 4)
    kh, kw = _pair(kernel)
    # PyTorch pads at most half the kernel on each side
    pair = (rng.randint(0, kh // 2), rng.randint(0, kw // 2))
    padding: IntOrPair = pair
    if pair[0] == pair[1] and rng.random() < 0.7:
        padding = pair[0]
    stride = rng.choice([None, None, _int_or_pair(rng, 1, 3)])
    ph, pw = _pair(padding)
    return _pool_case(C=rng.randint(1, 4), H=_fitting_size(rng, kh, 1, ph, 9), W=_fitting_size(rng, kw, 1, pw, 9),
                      kernel_size=kernel, stride=stride, padding=padding,
                      B=rng.randint(1, 3) if rng.random() < 0.8 else None, negative=rng.random() < 0.25,
                      dtype=rng.choice(["float32", "float64"]))


def _pool_edge_cases() -> tuple[Case, ...]:
    """The same named cases for max and average pooling. H differs from W (and C from both) unless the name
    says otherwise, so a kernel or stride applied to the wrong axis shows."""
    return (
        Case("basic_2x2", _pool_case(C=3, H=8, W=6, kernel_size=2)),
        Case("stride_defaults_to_kernel", _pool_case(C=2, H=9, W=7, kernel_size=3)),
        Case("overlapping_stride_1", _pool_case(C=2, H=6, W=5, kernel_size=3, stride=1)),
        Case("kernel_3_stride_2", _pool_case(C=3, H=9, W=8, kernel_size=3, stride=2)),
        Case("floor_drops_leftover", _pool_case(C=2, H=7, W=5, kernel_size=2)),
        Case("kernel_pair", _pool_case(C=2, H=8, W=9, kernel_size=(2, 3))),
        Case("stride_pair", _pool_case(C=2, H=8, W=9, kernel_size=3, stride=(1, 2))),
        Case("kernel_and_stride_pairs", _pool_case(C=3, H=9, W=7, kernel_size=(3, 2), stride=(2, 1))),
        Case("padding", _pool_case(C=2, H=7, W=6, kernel_size=3, stride=2, padding=1)),
        Case("padding_2x2", _pool_case(C=2, H=5, W=6, kernel_size=2, padding=1)),
        Case("padding_pair", _pool_case(C=2, H=6, W=7, kernel_size=(3, 2), stride=1, padding=(1, 0))),
        Case("negative_values_with_padding", _pool_case(C=3, H=5, W=6, kernel_size=3, stride=2, padding=1,
                                                        negative=True)),
        Case("negative_values_2x2_padding", _pool_case(C=2, H=4, W=5, kernel_size=2, padding=1, negative=True)),
        Case("global", _pool_case(C=4, H=5, W=6, kernel_size=(5, 6))),
        Case("kernel_1", _pool_case(C=2, H=4, W=3, kernel_size=1)),
        Case("unbatched", _pool_case(C=3, H=8, W=6, kernel_size=2, B=None)),
        Case("unbatched_padding", _pool_case(C=2, H=7, W=6, kernel_size=3, stride=2, padding=1, B=None)),
        Case("batch_of_one", _pool_case(C=3, H=6, W=8, kernel_size=2, B=1)),
        Case("float64", _pool_case(C=2, H=7, W=9, kernel_size=3, stride=2, padding=1, dtype="float64")),
    )


# ---------------------------------------------------------------------------------------------------------
# conv_transpose_output_size


def conv_transpose_output_size_reference(input_size: int, kernel_size: int, stride: int = 1, padding: int = 0,
                                         output_padding: int = 0, dilation: int = 1) -> int:
    """Ask PyTorch: run a real 1-d transposed convolution over zeros and read the length it produces."""
    try:
        out = F.conv_transpose1d(torch.zeros(1, 1, input_size), torch.zeros(1, 1, kernel_size), stride=stride,
                                 padding=padding, output_padding=output_padding, dilation=dilation)
    except RuntimeError as err:
        # PyTorch raises RuntimeError (a negative size already fails in torch.zeros); the exercise asks for
        # ValueError, as conv_output_size does
        raise ValueError(str(err)) from None
    return int(out.shape[-1])


def _random_conv_transpose_size(rng: random.Random) -> dict:
    stride = rng.randint(1, 4)
    dilation = rng.choice([1, 1, 2, 3])
    # mostly the legal output paddings (below stride or below dilation), sometimes one PyTorch rejects
    output_padding = rng.randint(0, max(stride, dilation) - 1) if rng.random() < 0.8 else max(stride, dilation)
    if rng.random() < 0.5:
        output_padding = 0
    return dict(input_size=rng.randint(1, 40), kernel_size=rng.randint(1, 7), stride=stride,
                padding=rng.randint(0, 4), output_padding=output_padding, dilation=dilation)


def _ct_size(input_size: int, kernel_size: int, stride: int = 1, padding: int = 0, output_padding: int = 0,
             dilation: int = 1) -> dict:
    return dict(input_size=input_size, kernel_size=kernel_size, stride=stride, padding=padding,
                output_padding=output_padding, dilation=dilation)


# ---------------------------------------------------------------------------------------------------------
# conv_transpose2d


def conv_transpose2d_reference(x: torch.Tensor, weight: torch.Tensor, bias: torch.Tensor | None = None,
                               stride: IntOrPair = 1, padding: IntOrPair = 0) -> torch.Tensor:
    with _exact_float32():
        return F.conv_transpose2d(x, weight, bias, stride=stride, padding=padding)


def _conv_transpose2d_inputs(params, gen):
    """The weight is ``(C_in, C_out, kH, kW)``, as ``nn.ConvTranspose2d`` stores it."""
    c_in, c_out, kh, kw, dtype = params["C_in"], params["C_out"], params["kH"], params["kW"], params["dtype"]
    return dict(
        x=randn(_lead(params) + (c_in, params["H"], params["W"]), gen, dtype),
        weight=randn((c_in, c_out, kh, kw), gen, dtype, scale=1 / math.sqrt(c_in * kh * kw)),
        bias=randn((c_out,), gen, dtype, scale=0.5) if params["bias"] else None,
        stride=params["stride"], padding=params["padding"],
    )


def _ct2d_case(C_in: int, C_out: int, H: int, W: int, kH: int, kW: int, B: int | None = 2, stride=1, padding=0,
               bias: bool = True, dtype: str = "float32") -> dict:
    return _maybe_batch(dict(C_in=C_in, C_out=C_out, H=H, W=W, kH=kH, kW=kW, stride=stride, padding=padding,
                             bias=bias, dtype=dtype), B)


def _random_conv_transpose2d(rng: random.Random) -> dict:
    kh, kw = rng.randint(1, 4), rng.randint(1, 4)
    stride = _int_or_pair(rng, 1, 3)
    (sh, sw) = _pair(stride)
    H, W = rng.randint(1, 7), rng.randint(1, 7)
    # the padding crops the output; keep at least one row and column: (H - 1) * s + k - 2p >= 1
    ph = rng.randint(0, max(0, ((H - 1) * sh + kh - 1) // 2))
    pw = rng.randint(0, max(0, ((W - 1) * sw + kw - 1) // 2))
    pair = (min(ph, 2), min(pw, 2))
    padding: IntOrPair = pair
    if pair[0] == pair[1] and rng.random() < 0.7:
        padding = pair[0]
    return _ct2d_case(C_in=rng.randint(1, 4), C_out=rng.randint(1, 4), H=H, W=W, kH=kh, kW=kw,
                      B=rng.randint(1, 3) if rng.random() < 0.8 else None, stride=stride, padding=padding,
                      bias=rng.random() < 0.75, dtype=rng.choice(["float32", "float64"]))


# ---------------------------------------------------------------------------------------------------------
# conv2d_param_count


def conv2d_param_count_reference(in_channels: int, out_channels: int, kernel_size: IntOrPair, bias: bool = True,
                                 groups: int = 1) -> int:
    """Build the real ``nn.Conv2d`` (on the meta device: shapes only, no memory) and count its parameters;
    it raises ``ValueError`` for groups that do not divide both channel counts."""
    layer = nn.Conv2d(in_channels, out_channels, kernel_size, bias=bias, groups=groups, device="meta")
    return sum(p.numel() for p in layer.parameters())


def _param_count_inputs(params, gen):
    return dict(params)


def _param_count(in_channels: int, out_channels: int, kernel_size, bias: bool = True, groups: int = 1) -> dict:
    return dict(in_channels=in_channels, out_channels=out_channels, kernel_size=kernel_size, bias=bias,
                groups=groups)


def _random_param_count(rng: random.Random) -> dict:
    groups = rng.choice([1, 1, 1, 2, 3, 4, 8])
    in_channels = groups * rng.randint(1, 16)
    out_channels = groups * rng.randint(1, 16)
    if rng.random() < 0.15:
        # one channel count that groups does not divide
        if rng.random() < 0.5:
            in_channels += rng.randint(1, groups - 1) if groups > 1 else 0
        else:
            out_channels += rng.randint(1, groups - 1) if groups > 1 else 0
    kernel = rng.randint(1, 7) if rng.random() < 0.7 else (rng.randint(1, 7), rng.randint(1, 7))
    return _param_count(in_channels, out_channels, kernel, bias=rng.random() < 0.7, groups=groups)


EXERCISES += [
    Exercise(
        id="conv2d",
        module="cnn",
        summary="F.conv2d: stride, padding, dilation, groups, batched or not",
        reference_note="`F.conv2d`",
        points=15,
        reference=conv2d_reference,
        mistakes=(
            Mistake("bias_on_last_axis", answer_key("cnn", "conv2d_bias_on_last_axis")),
            Mistake("flipped_kernel", answer_key("cnn", "conv2d_flipped_kernel")),
            Mistake("groups_interleaved", answer_key("cnn", "conv2d_groups_interleaved")),
            Mistake("padding_on_one_side", answer_key("cnn", "conv2d_padding_on_one_side")),
            Mistake("pair_first_entry_only", answer_key("cnn", "conv2d_pair_first_entry_only")),
        ),
        make_inputs=_conv2d_inputs,
        # H differs from W, kH from kW and C_in from C_out unless the name says otherwise, so a transposed
        # kernel, an axis mixed up or the weight's two channel dims swapped shows
        edge_cases=(
            Case("basic", _conv2d_case(C_in=3, C_out=4, H=7, W=6, kH=3, kW=3)),
            Case("unbatched", _conv2d_case(C_in=3, C_out=4, H=7, W=6, kH=3, kW=3, B=None)),
            Case("batch_of_one", _conv2d_case(C_in=2, C_out=5, H=6, W=8, kH=3, kW=3, B=1)),
            Case("no_bias", _conv2d_case(C_in=3, C_out=4, H=7, W=6, kH=3, kW=3, bias=False)),
            Case("non_square_kernel", _conv2d_case(C_in=2, C_out=3, H=7, W=8, kH=2, kW=3)),
            Case("one_by_one_kernel", _conv2d_case(C_in=5, C_out=3, H=4, W=6, kH=1, kW=1)),
            Case("kernel_covers_input", _conv2d_case(C_in=2, C_out=3, H=4, W=5, kH=4, kW=5)),
            Case("single_input_channel", _conv2d_case(C_in=1, C_out=4, H=6, W=7, kH=3, kW=2)),
            Case("stride_2", _conv2d_case(C_in=2, C_out=3, H=9, W=8, kH=3, kW=3, stride=2)),
            Case("stride_floor", _conv2d_case(C_in=2, C_out=3, H=8, W=10, kH=3, kW=2, stride=3)),
            Case("stride_pair", _conv2d_case(C_in=2, C_out=3, H=9, W=8, kH=3, kW=2, stride=(2, 1))),
            Case("padding_1", _conv2d_case(C_in=3, C_out=2, H=6, W=5, kH=3, kW=3, padding=1)),
            Case("padding_pair", _conv2d_case(C_in=2, C_out=3, H=5, W=6, kH=3, kW=3, padding=(0, 2))),
            Case("padding_larger_than_kernel", _conv2d_case(C_in=2, C_out=3, H=3, W=4, kH=2, kW=2, padding=3)),
            Case("dilation_2", _conv2d_case(C_in=2, C_out=3, H=9, W=8, kH=3, kW=3, dilation=2)),
            Case("dilation_pair", _conv2d_case(C_in=2, C_out=3, H=8, W=9, kH=2, kW=3, dilation=(3, 1))),
            Case("groups_2", _conv2d_case(C_in=4, C_out=6, H=6, W=5, kH=3, kW=3, groups=2)),
            Case("groups_3", _conv2d_case(C_in=6, C_out=3, H=5, W=6, kH=2, kW=3, groups=3)),
            Case("depthwise", _conv2d_case(C_in=4, C_out=4, H=6, W=7, kH=3, kW=3, groups=4)),
            Case("depthwise_multiplier_2", _conv2d_case(C_in=3, C_out=6, H=7, W=5, kH=3, kW=2, groups=3)),
            Case("everything", _conv2d_case(C_in=4, C_out=6, H=11, W=9, kH=3, kW=2, stride=(2, 3),
                                            padding=(1, 2), dilation=(2, 1), groups=2)),
            Case("unbatched_groups_stride", _conv2d_case(C_in=4, C_out=2, H=8, W=7, kH=3, kW=3, B=None,
                                                         stride=2, padding=1, groups=2)),
            Case("float64", _conv2d_case(C_in=3, C_out=4, H=7, W=6, kH=3, kW=2, dtype="float64")),
            Case("float64_everything", _conv2d_case(C_in=6, C_out=4, H=10, W=9, kH=2, kW=3, stride=2, padding=1,
                                                    dilation=2, groups=2, bias=False, dtype="float64")),
        ),
        random_case=_random_conv2d,
        n_random=15,
        shrink={"B": 1, "C_in": 1, "C_out": 1, "groups": 1, "H": 1, "W": 1, "kH": 1, "kW": 1},
        # few channels on a large image: the reference's work per output position is small, so a Python loop
        # over the 64x64 positions (a tensor op for each) costs ~100x the reference, while im2col (unfold and
        # one matmul) or a loop over the 9 kernel taps stays within a few times it
        timing=Timing(_conv2d_case(C_in=3, C_out=4, H=64, W=64, kH=3, kW=3, B=2, padding=1), budget=10.0),
        forbidden=CONVOLUTION_OPERATORS,
    ),
    Exercise(
        id="max_pool2d",
        module="cnn",
        summary="F.max_pool2d: stride defaults to the kernel, padding counts as -inf, floor mode",
        reference_note="`F.max_pool2d`",
        points=8,
        reference=max_pool2d_reference,
        mistakes=(
            Mistake("output_size_rounded_up", answer_key("cnn", "max_pool2d_rounded_up")),
            Mistake("padding_on_one_side", answer_key("cnn", "max_pool2d_padding_on_one_side")),
            Mistake("pair_read_as_width_height", answer_key("cnn", "max_pool2d_pair_read_as_width_height")),
            Mistake("stride_defaults_to_one", answer_key("cnn", "max_pool2d_stride_defaults_to_one")),
            Mistake("max_pool_zero_padding", answer_key("cnn", "max_pool2d_zero_padding")),
        ),
        make_inputs=_pool_inputs,
        edge_cases=_pool_edge_cases(),
        random_case=_random_pool,
        n_random=15,
        shrink={"B": 1, "C": 1, "H": 1, "W": 1},
        # ResNet's stem pooling on one 256x256 RGB image: little work per output position for the reference, so
        # a Python loop over the 128x128 positions costs ~60-250x it (the machine's load moves the figure), while
        # unfolded windows or a loop over the 9 kernel offsets stay within a few times it
        timing=Timing(_pool_case(C=3, H=256, W=256, kernel_size=3, stride=2, padding=1, B=1), budget=10.0),
        forbidden=POOLING_OPERATORS,
    ),
    Exercise(
        id="avg_pool2d",
        module="cnn",
        summary="F.avg_pool2d: stride defaults to the kernel, padded zeros count in the mean (count_include_pad)",
        reference_note="`F.avg_pool2d`",
        points=8,
        reference=avg_pool2d_reference,
        mistakes=(
            Mistake("output_size_rounded_up", answer_key("cnn", "avg_pool2d_rounded_up")),
            Mistake("padding_excluded_from_mean", answer_key("cnn", "avg_pool2d_padding_excluded")),
            Mistake("padding_ignored", answer_key("cnn", "avg_pool2d_padding_ignored")),
            Mistake("square_kernel_divisor", answer_key("cnn", "avg_pool2d_square_kernel_divisor")),
            Mistake("stride_defaults_to_one", answer_key("cnn", "avg_pool2d_stride_defaults_to_one")),
        ),
        make_inputs=_pool_inputs,
        edge_cases=_pool_edge_cases(),
        random_case=_random_pool,
        n_random=15,
        shrink={"B": 1, "C": 1, "H": 1, "W": 1},
        timing=Timing(_pool_case(C=3, H=256, W=256, kernel_size=3, stride=2, padding=1, B=1), budget=10.0),
        # a convolution with a constant kernel is another way to average, not the pooling operator: allowed
        forbidden=POOLING_OPERATORS,
    ),
    Exercise(
        id="conv_transpose_output_size",
        module="cnn",
        summary="length of one spatial dimension after a transposed convolution",
        reference_note="a real `F.conv_transpose1d`",
        points=5,
        reference=conv_transpose_output_size_reference,
        mistakes=(
            Mistake("empty_output_accepted", answer_key("cnn", "conv_transpose_output_size_empty_output_accepted")),
            Mistake("empty_check_before_output_padding",
                    answer_key("cnn", "conv_transpose_output_size_empty_check_before_output_padding")),
            Mistake("ignores_dilation", answer_key("cnn", "conv_transpose_output_size_ignores_dilation")),
            Mistake("output_padding_not_checked",
                    answer_key("cnn", "conv_transpose_output_size_output_padding_not_checked")),
            Mistake("output_padding_check_or", answer_key("cnn", "conv_transpose_output_size_output_padding_check_or")),
            Mistake("padding_counted_once", answer_key("cnn", "conv_transpose_output_size_padding_counted_once")),
        ),
        make_inputs=_conv_inputs,
        edge_cases=(
            Case("basic", _ct_size(5, 3)),
            Case("stride_2", _ct_size(5, 3, stride=2)),
            Case("dcgan_doubling", _ct_size(16, 4, stride=2, padding=1)),
            Case("padding_crops", _ct_size(5, 3, stride=2, padding=1)),
            Case("output_padding", _ct_size(5, 3, stride=2, padding=1, output_padding=1)),
            Case("dilation", _ct_size(7, 3, dilation=2)),
            Case("dilation_stride_padding", _ct_size(6, 3, stride=3, padding=2, dilation=2)),
            Case("output_padding_below_dilation_only", _ct_size(5, 3, stride=1, output_padding=1, dilation=2)),
            Case("output_padding_equals_stride_below_dilation", _ct_size(5, 3, stride=2, output_padding=2,
                                                                         dilation=3)),
            Case("input_of_one", _ct_size(1, 1)),
            Case("kernel_1_stride_3", _ct_size(4, 1, stride=3)),
            Case("padding_leaves_one", _ct_size(1, 3, padding=1)),
            Case("output_padding_equals_stride", _ct_size(5, 3, stride=2, padding=1, output_padding=2)),
            Case("output_padding_with_stride_1", _ct_size(5, 3, output_padding=1)),
            Case("output_padding_reaches_both", _ct_size(5, 3, stride=2, output_padding=3, dilation=3)),
            Case("output_padding_rescues_empty", _ct_size(2, 1, stride=3, padding=2, output_padding=1)),
            Case("output_of_zero", _ct_size(2, 1, padding=1)),
            Case("output_negative", _ct_size(1, 3, padding=2)),
            Case("zero_stride", _ct_size(5, 3, stride=0)),
            Case("negative_padding", _ct_size(5, 3, padding=-1)),
            Case("negative_output_padding", _ct_size(5, 3, stride=2, output_padding=-1)),
            Case("zero_kernel", _ct_size(5, 0)),
            Case("zero_dilation", _ct_size(5, 3, dilation=0)),
            Case("empty_input", _ct_size(0, 3)),
        ),
        random_case=_random_conv_transpose_size,
        n_random=30,
        # an integer formula: running a transposed convolution to read its shape answers with the reference
        forbidden=CONVOLUTION_OPERATORS,
    ),
    Exercise(
        id="conv_transpose2d",
        module="cnn",
        summary="F.conv_transpose2d: scatter each input pixel through the kernel, stride apart, then crop",
        reference_note="`F.conv_transpose2d`",
        points=15,
        reference=conv_transpose2d_reference,
        mistakes=(
            Mistake("padding_on_one_side", answer_key("cnn", "conv_transpose2d_padding_on_one_side")),
            Mistake("transpose_kernel_not_flipped", answer_key("cnn", "conv_transpose2d_kernel_not_flipped")),
            Mistake("padding_grows_output", answer_key("cnn", "conv_transpose2d_padding_grows_output")),
            Mistake("pair_read_as_width_height", answer_key("cnn", "conv_transpose2d_pair_read_as_width_height")),
            Mistake("weight_read_as_out_in", answer_key("cnn", "conv_transpose2d_weight_read_as_out_in")),
        ),
        make_inputs=_conv_transpose2d_inputs,
        # C_in differs from C_out, H from W and kH from kW unless the name says otherwise, so reading the
        # weight as (C_out, C_in, ...) or mixing up an axis shows
        edge_cases=(
            Case("basic", _ct2d_case(C_in=3, C_out=2, H=4, W=5, kH=3, kW=3)),
            Case("unbatched", _ct2d_case(C_in=3, C_out=2, H=4, W=5, kH=3, kW=3, B=None)),
            Case("batch_of_one", _ct2d_case(C_in=2, C_out=4, H=3, W=4, kH=2, kW=2, B=1)),
            Case("no_bias", _ct2d_case(C_in=3, C_out=2, H=4, W=5, kH=3, kW=3, bias=False)),
            Case("non_square_kernel", _ct2d_case(C_in=2, C_out=3, H=4, W=3, kH=2, kW=3)),
            Case("square_channels", _ct2d_case(C_in=3, C_out=3, H=4, W=5, kH=3, kW=2)),
            Case("one_by_one_kernel", _ct2d_case(C_in=4, C_out=2, H=3, W=5, kH=1, kW=1)),
            Case("single_pixel", _ct2d_case(C_in=3, C_out=2, H=1, W=1, kH=3, kW=2)),
            Case("stride_2_doubling", _ct2d_case(C_in=3, C_out=2, H=4, W=5, kH=4, kW=4, stride=2, padding=1)),
            Case("stride_2_odd_kernel", _ct2d_case(C_in=2, C_out=3, H=3, W=4, kH=3, kW=3, stride=2)),
            Case("stride_larger_than_kernel", _ct2d_case(C_in=2, C_out=3, H=3, W=4, kH=2, kW=2, stride=3)),
            Case("stride_pair", _ct2d_case(C_in=2, C_out=3, H=4, W=3, kH=3, kW=2, stride=(2, 1))),
            Case("padding_1", _ct2d_case(C_in=3, C_out=2, H=4, W=5, kH=3, kW=3, padding=1)),
            Case("padding_pair", _ct2d_case(C_in=2, C_out=3, H=4, W=5, kH=3, kW=3, padding=(0, 1))),
            Case("stride_and_padding_pairs", _ct2d_case(C_in=2, C_out=3, H=5, W=4, kH=4, kW=3, stride=(2, 3),
                                                        padding=(1, 2))),
            Case("unbatched_stride_2", _ct2d_case(C_in=2, C_out=3, H=3, W=4, kH=4, kW=4, B=None, stride=2,
                                                  padding=1)),
            Case("float64", _ct2d_case(C_in=3, C_out=2, H=4, W=5, kH=3, kW=2, dtype="float64")),
            Case("float64_stride_padding", _ct2d_case(C_in=2, C_out=3, H=4, W=3, kH=4, kW=3, stride=2, padding=1,
                                                      bias=False, dtype="float64")),
        ),
        random_case=_random_conv_transpose2d,
        n_random=15,
        shrink={"B": 1, "C_in": 1, "C_out": 1, "H": 1, "W": 1, "kH": 1, "kW": 1},
        # a DCGAN-style doubling (kernel 4, stride 2, padding 1) of a 64x64 map with few channels: little work
        # per pixel for the reference, so a Python loop over the 4096 input pixels costs ~100x it, while
        # fold after one matrix product, or a loop over the 16 kernel taps, stays within a few times it
        timing=Timing(_ct2d_case(C_in=4, C_out=3, H=64, W=64, kH=4, kW=4, B=1, stride=2, padding=1),
                      budget=10.0),
        forbidden=CONVOLUTION_OPERATORS,
    ),
    Exercise(
        id="conv2d_param_count",
        module="cnn",
        summary="how many parameters an nn.Conv2d holds: weights per group, plus the bias",
        reference_note="parameters of `nn.Conv2d`",
        points=5,
        reference=conv2d_param_count_reference,
        mistakes=(
            Mistake("ignores_groups", answer_key("cnn", "conv2d_param_count_ignores_groups")),
            Mistake("groups_not_validated", answer_key("cnn", "conv2d_param_count_groups_not_validated")),
            Mistake("one_bias_in_all", answer_key("cnn", "conv2d_param_count_one_bias_in_all")),
            Mistake("kernel_pair_read_as_square", answer_key("cnn", "conv2d_param_count_kernel_pair_read_as_square")),
            Mistake("returns_float", answer_key("cnn", "conv2d_param_count_returns_float")),
        ),
        make_inputs=_param_count_inputs,
        edge_cases=(
            Case("basic", _param_count(3, 16, 3)),
            Case("no_bias", _param_count(3, 16, 3, bias=False)),
            Case("kernel_pair", _param_count(4, 8, (3, 5))),
            Case("kernel_pair_no_bias", _param_count(6, 10, (1, 7), bias=False)),
            Case("one_by_one", _param_count(64, 32, 1)),
            Case("vgg_block", _param_count(512, 512, 3)),
            Case("groups_2", _param_count(8, 12, 3, groups=2)),
            Case("groups_4_kernel_pair", _param_count(16, 8, (3, 1), groups=4)),
            Case("depthwise", _param_count(32, 32, 3, groups=32)),
            Case("depthwise_multiplier_2", _param_count(16, 32, 5, groups=16)),
            Case("depthwise_no_bias", _param_count(24, 24, 3, bias=False, groups=24)),
            Case("in_channels_not_divisible", _param_count(6, 8, 3, groups=4)),
            Case("out_channels_not_divisible", _param_count(8, 6, 3, groups=4)),
            Case("groups_larger_than_channels", _param_count(2, 4, 3, groups=4)),
            Case("zero_groups", _param_count(4, 4, 3, groups=0)),
            Case("negative_groups", _param_count(4, 4, 3, groups=-2)),
        ),
        random_case=_random_param_count,
        n_random=15,
        # building the layer and counting what it holds is the reference; nn.Conv2d (and nn.Linear) initialise
        # their weights with kaiming_uniform_, on any device and under skip_init too
        forbidden=("torch.nn.init.kaiming_uniform_",) + CONVOLUTION_OPERATORS,
    ),
]


# ---------------------------------------------------------------------------------------------------------
# depthwise_separable_conv2d and separable_param_count


def depthwise_separable_conv2d_reference(x: torch.Tensor, depthwise_weight: torch.Tensor,
                                         pointwise_weight: torch.Tensor, depthwise_bias: torch.Tensor | None = None,
                                         pointwise_bias: torch.Tensor | None = None, stride: IntOrPair = 1,
                                         padding: IntOrPair = 0, dilation: IntOrPair = 1) -> torch.Tensor:
    """The depthwise convolution (``groups`` = the input's channels), then the 1x1 pointwise one."""
    with _exact_float32():
        y = F.conv2d(x, depthwise_weight, depthwise_bias, stride=stride, padding=padding, dilation=dilation,
                     groups=x.shape[-3])
        return F.conv2d(y, pointwise_weight, pointwise_bias)


def _separable_inputs(params, gen):
    """``C`` input channels, ``M`` depthwise filters per channel, ``C_out`` output channels; each weight is
    scaled by one over the square root of its fan-in, so every output stays near unit size."""
    c, m, c_out, kh, kw, dtype = params["C"], params["M"], params["C_out"], params["kH"], params["kW"], params["dtype"]
    return dict(
        x=randn(_lead(params) + (c, params["H"], params["W"]), gen, dtype),
        depthwise_weight=randn((c * m, 1, kh, kw), gen, dtype, scale=1 / math.sqrt(kh * kw)),
        pointwise_weight=randn((c_out, c * m, 1, 1), gen, dtype, scale=1 / math.sqrt(c * m)),
        depthwise_bias=randn((c * m,), gen, dtype, scale=0.5) if params["depthwise_bias"] else None,
        pointwise_bias=randn((c_out,), gen, dtype, scale=0.5) if params["pointwise_bias"] else None,
        stride=params["stride"], padding=params["padding"], dilation=params["dilation"],
    )


def _sep_case(C: int, C_out: int, H: int, W: int, kH: int, kW: int, M: int = 1, B: int | None = 2, stride=1,
              padding=0, dilation=1, depthwise_bias: bool = True, pointwise_bias: bool = True,
              dtype: str = "float32") -> dict:
    return _maybe_batch(dict(C=C, M=M, C_out=C_out, H=H, W=W, kH=kH, kW=kW, stride=stride, padding=padding,
                             dilation=dilation, depthwise_bias=depthwise_bias, pointwise_bias=pointwise_bias,
                             dtype=dtype), B)


def _random_separable(rng: random.Random) -> dict:
    kh, kw = rng.randint(1, 4), rng.randint(1, 4)
    stride, padding, dilation = _int_or_pair(rng, 1, 3), _int_or_pair(rng, 0, 2), _int_or_pair(rng, 1, 2)
    (ph, pw), (dh, dw) = _pair(padding), _pair(dilation)
    return _sep_case(C=rng.randint(1, 5), M=rng.choice([1, 1, 1, 2, 3]), C_out=rng.randint(1, 6),
                     H=_fitting_size(rng, kh, dh, ph, 7), W=_fitting_size(rng, kw, dw, pw, 7), kH=kh, kW=kw,
                     B=rng.randint(1, 3) if rng.random() < 0.8 else None, stride=stride, padding=padding,
                     dilation=dilation, depthwise_bias=rng.random() < 0.75, pointwise_bias=rng.random() < 0.75,
                     dtype=rng.choice(["float32", "float64"]))


def separable_param_count_reference(in_channels: int, out_channels: int, kernel_size: IntOrPair,
                                    bias: bool = True) -> int:
    """Build the two real layers (on the meta device: shapes only) and count their parameters; the depthwise
    layer's ``groups=in_channels`` raises ``ValueError`` below 1."""
    depthwise = nn.Conv2d(in_channels, in_channels, kernel_size, groups=in_channels, bias=bias, device="meta")
    pointwise = nn.Conv2d(in_channels, out_channels, 1, bias=bias, device="meta")
    return sum(p.numel() for layer in (depthwise, pointwise) for p in layer.parameters())


def _sep_count(in_channels: int, out_channels: int, kernel_size, bias: bool = True) -> dict:
    return dict(in_channels=in_channels, out_channels=out_channels, kernel_size=kernel_size, bias=bias)


def _random_sep_count(rng: random.Random) -> dict:
    kernel = rng.randint(1, 7) if rng.random() < 0.7 else (rng.randint(1, 7), rng.randint(1, 7))
    return _sep_count(rng.choice([rng.randint(1, 16), rng.randint(17, 1024)]),
                      rng.choice([rng.randint(1, 16), rng.randint(17, 1024)]), kernel, bias=rng.random() < 0.7)


EXERCISES += [
    Exercise(
        id="depthwise_separable_conv2d",
        module="cnn",
        summary="MobileNet's block: a depthwise F.conv2d (groups = channels), then a 1x1 convolution",
        reference_note="`F.conv2d(groups=C)` then a 1x1 `F.conv2d`",
        points=10,
        reference=depthwise_separable_conv2d_reference,
        mistakes=(
            Mistake("depthwise_channels_summed", answer_key("cnn", "depthwise_separable_conv2d_channels_summed")),
            Mistake("depth_multiplier_interleaved",
                    answer_key("cnn", "depthwise_separable_conv2d_multiplier_interleaved")),
            Mistake("pointwise_strided", answer_key("cnn", "depthwise_separable_conv2d_stride_twice")),
        ),
        make_inputs=_separable_inputs,
        # C differs from C_out, H from W and kH from kW unless the name says otherwise, so the pointwise weight
        # read transposed, an axis mixed up or the stride applied to the 1x1 step shows
        edge_cases=(
            Case("basic", _sep_case(C=3, C_out=4, H=7, W=6, kH=3, kW=3)),
            Case("unbatched", _sep_case(C=3, C_out=4, H=7, W=6, kH=3, kW=3, B=None)),
            Case("batch_of_one", _sep_case(C=2, C_out=5, H=6, W=8, kH=3, kW=3, B=1)),
            Case("no_biases", _sep_case(C=3, C_out=4, H=7, W=6, kH=3, kW=3, depthwise_bias=False,
                                        pointwise_bias=False)),
            Case("depthwise_bias_only", _sep_case(C=3, C_out=2, H=6, W=7, kH=3, kW=2, pointwise_bias=False)),
            Case("pointwise_bias_only", _sep_case(C=3, C_out=2, H=6, W=7, kH=2, kW=3, depthwise_bias=False)),
            Case("non_square_kernel", _sep_case(C=2, C_out=3, H=7, W=8, kH=2, kW=3)),
            Case("one_by_one_depthwise", _sep_case(C=4, C_out=3, H=4, W=6, kH=1, kW=1)),
            Case("single_channel", _sep_case(C=1, C_out=3, H=6, W=7, kH=3, kW=2)),
            Case("single_output_channel", _sep_case(C=4, C_out=1, H=5, W=6, kH=3, kW=3)),
            Case("kernel_covers_input", _sep_case(C=2, C_out=3, H=4, W=5, kH=4, kW=5)),
            Case("depth_multiplier_2", _sep_case(C=3, M=2, C_out=4, H=6, W=7, kH=3, kW=3)),
            Case("depth_multiplier_3_unbatched", _sep_case(C=2, M=3, C_out=5, H=7, W=5, kH=2, kW=3, B=None)),
            Case("stride_2", _sep_case(C=3, C_out=4, H=9, W=8, kH=3, kW=3, stride=2)),
            Case("stride_pair", _sep_case(C=2, C_out=3, H=9, W=8, kH=3, kW=2, stride=(2, 1))),
            Case("padding_1", _sep_case(C=3, C_out=2, H=6, W=5, kH=3, kW=3, padding=1)),
            Case("padding_pair", _sep_case(C=2, C_out=3, H=5, W=6, kH=3, kW=3, padding=(0, 2))),
            Case("dilation_2", _sep_case(C=2, C_out=3, H=9, W=8, kH=3, kW=3, dilation=2)),
            Case("dilation_pair", _sep_case(C=2, C_out=3, H=8, W=9, kH=2, kW=3, dilation=(3, 1))),
            # MobileNet's downsampling block: 3x3, stride 2, padding 1
            Case("mobilenet_block", _sep_case(C=8, C_out=16, H=9, W=10, kH=3, kW=3, stride=2, padding=1)),
            Case("everything", _sep_case(C=3, M=2, C_out=5, H=11, W=9, kH=3, kW=2, stride=(2, 3), padding=(1, 2),
                                         dilation=(2, 1))),
            Case("float64", _sep_case(C=3, C_out=4, H=7, W=6, kH=3, kW=2, dtype="float64")),
            Case("float64_everything", _sep_case(C=4, M=2, C_out=3, H=10, W=9, kH=2, kW=3, B=None, stride=2,
                                                 padding=1, dilation=2, depthwise_bias=False, dtype="float64")),
        ),
        random_case=_random_separable,
        n_random=6,
        shrink={"B": 1, "C": 1, "M": 1, "C_out": 1, "H": 1, "W": 1, "kH": 1, "kW": 1},
        # a MobileNet block's shape on a 64x64 map: a loop over the output positions costs ~100x the reference,
        # unfold or a loop over the 9 taps, then one matrix product, a few times it
        timing=Timing(_sep_case(C=8, C_out=16, H=64, W=64, kH=3, kW=3, padding=1), budget=10.0),
        forbidden=CONVOLUTION_OPERATORS,
    ),
    Exercise(
        id="separable_param_count",
        module="cnn",
        summary="parameters of a depthwise separable block: a depthwise and a 1x1 nn.Conv2d, with their biases",
        reference_note="parameters of the two `nn.Conv2d` layers",
        points=4,
        reference=separable_param_count_reference,
        mistakes=(
            Mistake("depthwise_bias_forgotten", answer_key("cnn", "separable_param_count_one_bias")),
            Mistake("depthwise_counted_as_full",
                    answer_key("cnn", "separable_param_count_depthwise_sees_all_channels")),
            Mistake("depthwise_groups_not_validated", answer_key("cnn", "separable_param_count_not_validated")),
        ),
        make_inputs=_param_count_inputs,
        edge_cases=(
            Case("basic", _sep_count(32, 64, 3)),
            Case("no_bias", _sep_count(32, 64, 3, bias=False)),
            Case("kernel_pair", _sep_count(6, 10, (3, 5))),
            Case("kernel_pair_no_bias", _sep_count(8, 4, (1, 7), bias=False)),
            Case("one_by_one_kernel", _sep_count(16, 24, 1)),
            Case("fewer_out_channels", _sep_count(64, 8, 5)),
            Case("same_channels", _sep_count(512, 512, 3)),
            Case("single_input_channel", _sep_count(1, 16, 3)),
            Case("single_output_channel", _sep_count(12, 1, 3, bias=False)),
            Case("mobilenet_last_block", _sep_count(1024, 1024, 3)),
            Case("zero_in_channels", _sep_count(0, 8, 3)),
            Case("negative_in_channels", _sep_count(-4, 8, 3)),
        ),
        random_case=_random_sep_count,
        n_random=6,
        # building the layers and counting what they hold is the reference (see conv2d_param_count)
        forbidden=("torch.nn.init.kaiming_uniform_",) + CONVOLUTION_OPERATORS,
    ),
]
