"""Classic mistakes of ``autograder.specs.cnn``, written by hand: a near-answer is an answer (see
``autograder.core.key``). Never part of a student release, which records their outputs instead."""

from __future__ import annotations

import math

import torch
import torch.nn.functional as F

from autograder.specs.cnn import IntOrPair, _exact_float32, _pair

# -- conv_output_size


def _refuse_bad_arguments(input_size: int, kernel_size: int, stride: int, padding: int, dilation: int) -> None:
    if min(input_size, kernel_size, stride, dilation) < 1 or padding < 0:
        raise ValueError("sizes, stride and dilation must be positive, padding not negative")


def conv_output_size_rounded_up(input_size: int, kernel_size: int, stride: int = 1, padding: int = 0,
                                dilation: int = 1) -> int:
    """Rounds the number of strides up: a partial window at the end counts."""
    _refuse_bad_arguments(input_size, kernel_size, stride, padding, dilation)
    span = dilation * (kernel_size - 1) + 1
    if span > input_size + 2 * padding:
        raise ValueError("the kernel does not fit the padded input")
    return math.ceil((input_size + 2 * padding - span) / stride) + 1


def conv_output_size_dilation_times_kernel(input_size: int, kernel_size: int, stride: int = 1, padding: int = 0,
                                           dilation: int = 1) -> int:
    """Takes the dilated kernel to span dilation * kernel_size positions."""
    _refuse_bad_arguments(input_size, kernel_size, stride, padding, dilation)
    span = dilation * kernel_size
    if span > input_size + 2 * padding:
        raise ValueError("the kernel does not fit the padded input")
    return (input_size + 2 * padding - span) // stride + 1


def conv_output_size_ignores_dilation(input_size: int, kernel_size: int, stride: int = 1, padding: int = 0,
                                      dilation: int = 1) -> int:
    """Takes the kernel to span kernel_size positions whatever the dilation."""
    _refuse_bad_arguments(input_size, kernel_size, stride, padding, dilation)
    if kernel_size > input_size + 2 * padding:
        raise ValueError("the kernel does not fit the padded input")
    return (input_size + 2 * padding - kernel_size) // stride + 1


def conv_output_size_zero_stride_not_refused(input_size: int, kernel_size: int, stride: int = 1,
                                             padding: int = 0, dilation: int = 1) -> int:
    """Checks every argument but the stride: a zero stride divides by zero."""
    if min(input_size, kernel_size, dilation) < 1 or padding < 0:
        raise ValueError("sizes and dilation must be positive, padding not negative")
    span = dilation * (kernel_size - 1) + 1
    if span > input_size + 2 * padding:
        raise ValueError("the kernel does not fit the padded input")
    return (input_size + 2 * padding - span) // stride + 1


def conv_output_size_not_validated(input_size: int, kernel_size: int, stride: int = 1, padding: int = 0,
                                   dilation: int = 1) -> int:
    """The formula alone, truncated toward zero, without a check: a size for impossible configurations."""
    return int((input_size + 2 * padding - dilation * (kernel_size - 1) - 1) / stride) + 1


def conv_output_size_padding_counted_once(input_size: int, kernel_size: int, stride: int = 1, padding: int = 0,
                                          dilation: int = 1) -> int:
    """Pads one end of the input only."""
    _refuse_bad_arguments(input_size, kernel_size, stride, padding, dilation)
    span = dilation * (kernel_size - 1) + 1
    if span > input_size + padding:
        raise ValueError("the kernel does not fit the padded input")
    return (input_size + padding - span) // stride + 1


def conv_output_size_returns_float(input_size: int, kernel_size: int, stride: int = 1, padding: int = 0,
                                   dilation: int = 1) -> float:
    """Divides by the stride with /: a float, and no floor."""
    _refuse_bad_arguments(input_size, kernel_size, stride, padding, dilation)
    span = dilation * (kernel_size - 1) + 1
    if span > input_size + 2 * padding:
        raise ValueError("the kernel does not fit the padded input")
    return (input_size + 2 * padding - span) / stride + 1


# -- conv_transpose_output_size


def _refuse_bad_transpose_arguments(input_size: int, kernel_size: int, stride: int, padding: int,
                                    output_padding: int, dilation: int) -> None:
    if min(input_size, kernel_size, stride, dilation) < 1 or min(padding, output_padding) < 0:
        raise ValueError("sizes, stride and dilation must be positive, paddings not negative")


def _refuse_large_output_padding(stride: int, output_padding: int, dilation: int) -> None:
    if output_padding >= stride and output_padding >= dilation:
        raise ValueError("output_padding must be smaller than the stride or the dilation")


def conv_transpose_output_size_empty_output_accepted(input_size: int, kernel_size: int, stride: int = 1,
                                                     padding: int = 0, output_padding: int = 0,
                                                     dilation: int = 1) -> int:
    """Returns a length of 0 or below where PyTorch refuses an empty output."""
    _refuse_bad_transpose_arguments(input_size, kernel_size, stride, padding, output_padding, dilation)
    _refuse_large_output_padding(stride, output_padding, dilation)
    return (input_size - 1) * stride - 2 * padding + dilation * (kernel_size - 1) + output_padding + 1


def conv_transpose_output_size_empty_check_before_output_padding(input_size: int, kernel_size: int,
                                                                 stride: int = 1, padding: int = 0,
                                                                 output_padding: int = 0,
                                                                 dilation: int = 1) -> int:
    """Refuses an empty length before the output padding is added (which may bring it back to 1 or more)."""
    _refuse_bad_transpose_arguments(input_size, kernel_size, stride, padding, output_padding, dilation)
    _refuse_large_output_padding(stride, output_padding, dilation)
    cropped = (input_size - 1) * stride - 2 * padding + dilation * (kernel_size - 1) + 1
    if cropped < 1:
        raise ValueError("the output would be empty")
    return cropped + output_padding


def _transposed_length(length: int) -> int:
    if length < 1:
        raise ValueError("the output would be empty")
    return length


def conv_transpose_output_size_ignores_dilation(input_size: int, kernel_size: int, stride: int = 1,
                                                padding: int = 0, output_padding: int = 0,
                                                dilation: int = 1) -> int:
    """Takes the kernel to span kernel_size positions whatever the dilation."""
    _refuse_bad_transpose_arguments(input_size, kernel_size, stride, padding, output_padding, dilation)
    _refuse_large_output_padding(stride, output_padding, dilation)
    return _transposed_length((input_size - 1) * stride - 2 * padding + kernel_size + output_padding)


def conv_transpose_output_size_output_padding_not_checked(input_size: int, kernel_size: int, stride: int = 1,
                                                          padding: int = 0, output_padding: int = 0,
                                                          dilation: int = 1) -> int:
    """Accepts any output padding, however large."""
    _refuse_bad_transpose_arguments(input_size, kernel_size, stride, padding, output_padding, dilation)
    return _transposed_length((input_size - 1) * stride - 2 * padding + dilation * (kernel_size - 1)
                              + output_padding + 1)


def conv_transpose_output_size_output_padding_check_or(input_size: int, kernel_size: int, stride: int = 1,
                                                       padding: int = 0, output_padding: int = 0,
                                                       dilation: int = 1) -> int:
    """Refuses an output padding that reaches the stride or the dilation, rather than both."""
    _refuse_bad_transpose_arguments(input_size, kernel_size, stride, padding, output_padding, dilation)
    if output_padding >= min(stride, dilation):
        raise ValueError("output_padding must be smaller than the stride and the dilation")
    return _transposed_length((input_size - 1) * stride - 2 * padding + dilation * (kernel_size - 1)
                              + output_padding + 1)


def conv_transpose_output_size_padding_counted_once(input_size: int, kernel_size: int, stride: int = 1,
                                                    padding: int = 0, output_padding: int = 0,
                                                    dilation: int = 1) -> int:
    """Crops the padding from one end only."""
    _refuse_bad_transpose_arguments(input_size, kernel_size, stride, padding, output_padding, dilation)
    _refuse_large_output_padding(stride, output_padding, dilation)
    return _transposed_length((input_size - 1) * stride - padding + dilation * (kernel_size - 1)
                              + output_padding + 1)


# -- conv2d_param_count


def _refuse_bad_groups(in_channels: int, out_channels: int, groups: int) -> None:
    if groups < 1 or in_channels % groups or out_channels % groups:
        raise ValueError("groups must be positive and divide both channel counts")


def conv2d_param_count_ignores_groups(in_channels: int, out_channels: int, kernel_size: IntOrPair,
                                      bias: bool = True, groups: int = 1) -> int:
    """Lets every output channel see every input channel."""
    _refuse_bad_groups(in_channels, out_channels, groups)
    kh, kw = _pair(kernel_size)
    return out_channels * in_channels * kh * kw + (out_channels if bias else 0)


def conv2d_param_count_groups_not_validated(in_channels: int, out_channels: int, kernel_size: IntOrPair,
                                            bias: bool = True, groups: int = 1) -> int:
    """No check on groups: floor division hides the groups that do not divide the channels."""
    kh, kw = _pair(kernel_size)
    return out_channels * (in_channels // groups) * kh * kw + (out_channels if bias else 0)


def conv2d_param_count_one_bias_in_all(in_channels: int, out_channels: int, kernel_size: IntOrPair,
                                       bias: bool = True, groups: int = 1) -> int:
    """Counts the bias as one number."""
    _refuse_bad_groups(in_channels, out_channels, groups)
    kh, kw = _pair(kernel_size)
    return out_channels * (in_channels // groups) * kh * kw + (1 if bias else 0)


def conv2d_param_count_kernel_pair_read_as_square(in_channels: int, out_channels: int, kernel_size: IntOrPair,
                                                  bias: bool = True, groups: int = 1) -> int:
    """Takes a kernel pair's first entry as the side of a square kernel."""
    _refuse_bad_groups(in_channels, out_channels, groups)
    side = _pair(kernel_size)[0]
    return out_channels * (in_channels // groups) * side * side + (out_channels if bias else 0)


def conv2d_param_count_returns_float(in_channels: int, out_channels: int, kernel_size: IntOrPair,
                                     bias: bool = True, groups: int = 1) -> float:
    """Divides the input channels by the groups with /: a float."""
    _refuse_bad_groups(in_channels, out_channels, groups)
    kh, kw = _pair(kernel_size)
    return out_channels * (in_channels / groups) * kh * kw + (out_channels if bias else 0)


# -- conv2d


def conv2d_bias_on_last_axis(x: torch.Tensor, weight: torch.Tensor, bias: torch.Tensor | None = None,
                             stride: IntOrPair = 1, padding: IntOrPair = 0, dilation: IntOrPair = 1,
                             groups: int = 1) -> torch.Tensor:
    """Adds the bias by plain broadcasting, along the output's width instead of its channels."""
    with _exact_float32():
        out = F.conv2d(x, weight, stride=stride, padding=padding, dilation=dilation, groups=groups)
    return out if bias is None else out + bias


def conv2d_flipped_kernel(x: torch.Tensor, weight: torch.Tensor, bias: torch.Tensor | None = None,
                          stride: IntOrPair = 1, padding: IntOrPair = 0, dilation: IntOrPair = 1,
                          groups: int = 1) -> torch.Tensor:
    """The textbook convolution: the kernel flipped along both spatial axes."""
    with _exact_float32():
        return F.conv2d(x, weight.flip(-2, -1), bias, stride=stride, padding=padding, dilation=dilation,
                        groups=groups)


def conv2d_groups_interleaved(x: torch.Tensor, weight: torch.Tensor, bias: torch.Tensor | None = None,
                              stride: IntOrPair = 1, padding: IntOrPair = 0, dilation: IntOrPair = 1,
                              groups: int = 1) -> torch.Tensor:
    """Group g takes the input channels g, g + groups, g + 2 * groups, ... instead of a contiguous block."""
    interleaved = torch.arange(x.shape[-3], device=x.device).reshape(-1, groups).T.reshape(-1)
    with _exact_float32():
        return F.conv2d(x.index_select(-3, interleaved), weight, bias, stride=stride, padding=padding,
                        dilation=dilation, groups=groups)


def conv2d_padding_on_one_side(x: torch.Tensor, weight: torch.Tensor, bias: torch.Tensor | None = None,
                               stride: IntOrPair = 1, padding: IntOrPair = 0, dilation: IntOrPair = 1,
                               groups: int = 1) -> torch.Tensor:
    """Puts all of the padding (twice padding) above and to the left of the input."""
    ph, pw = _pair(padding)
    with _exact_float32():
        return F.conv2d(F.pad(x, (2 * pw, 0, 2 * ph, 0)), weight, bias, stride=stride, dilation=dilation,
                        groups=groups)


def _first(value: IntOrPair) -> int:
    return value if isinstance(value, int) else value[0]


def conv2d_pair_first_entry_only(x: torch.Tensor, weight: torch.Tensor, bias: torch.Tensor | None = None,
                                 stride: IntOrPair = 1, padding: IntOrPair = 0, dilation: IntOrPair = 1,
                                 groups: int = 1) -> torch.Tensor:
    """Uses the first entry of a stride, padding or dilation pair for both axes."""
    with _exact_float32():
        return F.conv2d(x, weight, bias, stride=_first(stride), padding=_first(padding),
                        dilation=_first(dilation), groups=groups)


# -- max_pool2d and avg_pool2d


def _swapped(value: IntOrPair) -> IntOrPair:
    """A pair read as (width, height)."""
    return value if isinstance(value, int) else (value[1], value[0])


def _ceil_extra(size: int, kernel: int, stride: int) -> int:
    """How far the last window, once the output size is rounded up, reaches past the end of ``size``."""
    return -(size - kernel) % stride


def max_pool2d_rounded_up(x: torch.Tensor, kernel_size: IntOrPair, stride: IntOrPair | None = None,
                          padding: IntOrPair = 0) -> torch.Tensor:
    """Keeps the partial windows at the bottom and right edges (ceil mode), their missing values -inf."""
    (kh, kw), (ph, pw) = _pair(kernel_size), _pair(padding)
    sh, sw = (kh, kw) if stride is None else _pair(stride)
    extra_h = _ceil_extra(x.shape[-2] + 2 * ph, kh, sh)
    extra_w = _ceil_extra(x.shape[-1] + 2 * pw, kw, sw)
    padded = F.pad(x, (pw, pw + extra_w, ph, ph + extra_h), value=float("-inf"))
    return F.max_pool2d(padded, (kh, kw), stride=(sh, sw))


def max_pool2d_padding_on_one_side(x: torch.Tensor, kernel_size: IntOrPair, stride: IntOrPair | None = None,
                                   padding: IntOrPair = 0) -> torch.Tensor:
    """Puts all of the padding (twice padding) below and to the right of the input."""
    ph, pw = _pair(padding)
    return F.max_pool2d(F.pad(x, (0, 2 * pw, 0, 2 * ph), value=float("-inf")), kernel_size, stride=stride)


def max_pool2d_pair_read_as_width_height(x: torch.Tensor, kernel_size: IntOrPair,
                                         stride: IntOrPair | None = None, padding: IntOrPair = 0) -> torch.Tensor:
    """Reads every pair as (width, height)."""
    return F.max_pool2d(x, _swapped(kernel_size), stride=None if stride is None else _swapped(stride),
                        padding=_swapped(padding))


def max_pool2d_stride_defaults_to_one(x: torch.Tensor, kernel_size: IntOrPair, stride: IntOrPair | None = None,
                                      padding: IntOrPair = 0) -> torch.Tensor:
    """Slides the windows one step at a time when no stride is given."""
    return F.max_pool2d(x, kernel_size, stride=1 if stride is None else stride, padding=padding)


def max_pool2d_zero_padding(x: torch.Tensor, kernel_size: IntOrPair, stride: IntOrPair | None = None,
                            padding: IntOrPair = 0) -> torch.Tensor:
    """Pads with zeros, which win over every negative value of a window at the border."""
    ph, pw = _pair(padding)
    return F.max_pool2d(F.pad(x, (pw, pw, ph, ph)), kernel_size, stride=stride)


def avg_pool2d_rounded_up(x: torch.Tensor, kernel_size: IntOrPair, stride: IntOrPair | None = None,
                          padding: IntOrPair = 0) -> torch.Tensor:
    """Keeps the partial windows at the bottom and right edges (ceil mode), each the mean of what it holds."""
    (kh, kw), (ph, pw) = _pair(kernel_size), _pair(padding)
    sh, sw = (kh, kw) if stride is None else _pair(stride)
    padded = F.pad(x, (pw, pw, ph, ph))
    h, w = padded.shape[-2:]
    beyond = (0, _ceil_extra(w, kw, sw), 0, _ceil_extra(h, kh, sh))
    sums = F.pad(padded, beyond).unfold(-2, kh, sh).unfold(-2, kw, sw).sum(dim=(-2, -1))
    held = F.pad(padded.new_ones(h, w), beyond).unfold(-2, kh, sh).unfold(-2, kw, sw).sum(dim=(-2, -1))
    return sums / held


def avg_pool2d_padding_excluded(x: torch.Tensor, kernel_size: IntOrPair, stride: IntOrPair | None = None,
                                padding: IntOrPair = 0) -> torch.Tensor:
    """Divides each window by the number of input values in it (count_include_pad=False)."""
    return F.avg_pool2d(x, kernel_size, stride=stride, padding=padding, count_include_pad=False)


def avg_pool2d_padding_ignored(x: torch.Tensor, kernel_size: IntOrPair, stride: IntOrPair | None = None,
                               padding: IntOrPair = 0) -> torch.Tensor:
    """Never pads."""
    return F.avg_pool2d(x, kernel_size, stride=stride)


def avg_pool2d_square_kernel_divisor(x: torch.Tensor, kernel_size: IntOrPair, stride: IntOrPair | None = None,
                                     padding: IntOrPair = 0) -> torch.Tensor:
    """Divides each window's sum by the kernel's first side squared."""
    side = _pair(kernel_size)[0]
    return F.avg_pool2d(x, kernel_size, stride=stride, padding=padding, divisor_override=side * side)


def avg_pool2d_stride_defaults_to_one(x: torch.Tensor, kernel_size: IntOrPair, stride: IntOrPair | None = None,
                                      padding: IntOrPair = 0) -> torch.Tensor:
    """Slides the windows one step at a time when no stride is given."""
    return F.avg_pool2d(x, kernel_size, stride=1 if stride is None else stride, padding=padding)


# -- conv_transpose2d


def _crop(full: torch.Tensor, top: int, bottom: int, left: int, right: int) -> torch.Tensor:
    return full[..., top:full.shape[-2] - bottom, left:full.shape[-1] - right]


def conv_transpose2d_padding_on_one_side(x: torch.Tensor, weight: torch.Tensor, bias: torch.Tensor | None = None,
                                         stride: IntOrPair = 1, padding: IntOrPair = 0) -> torch.Tensor:
    """Crops all of the padding (twice padding) from the bottom and the right."""
    ph, pw = _pair(padding)
    with _exact_float32():
        full = F.conv_transpose2d(x, weight, bias, stride=stride)
    return _crop(full, 0, 2 * ph, 0, 2 * pw)


def conv_transpose2d_kernel_not_flipped(x: torch.Tensor, weight: torch.Tensor, bias: torch.Tensor | None = None,
                                        stride: IntOrPair = 1, padding: IntOrPair = 0) -> torch.Tensor:
    """Correlates the zero-spread input with the kernel as stored: each tap lands mirrored."""
    with _exact_float32():
        return F.conv_transpose2d(x, weight.flip(-2, -1), bias, stride=stride, padding=padding)


def conv_transpose2d_padding_grows_output(x: torch.Tensor, weight: torch.Tensor, bias: torch.Tensor | None = None,
                                          stride: IntOrPair = 1, padding: IntOrPair = 0) -> torch.Tensor:
    """Adds padding zeros around the output, as a convolution pads its input, then the bias."""
    ph, pw = _pair(padding)
    with _exact_float32():
        out = F.pad(F.conv_transpose2d(x, weight, stride=stride), (pw, pw, ph, ph))
    return out if bias is None else out + bias[:, None, None]


def conv_transpose2d_pair_read_as_width_height(x: torch.Tensor, weight: torch.Tensor,
                                               bias: torch.Tensor | None = None, stride: IntOrPair = 1,
                                               padding: IntOrPair = 0) -> torch.Tensor:
    """Reads a stride pair as (along the width, along the height)."""
    ph, pw = _pair(padding)
    with _exact_float32():
        full = F.conv_transpose2d(x, weight, bias, stride=_swapped(stride))
    return _crop(full, ph, ph, pw, pw)


def conv_transpose2d_weight_read_as_out_in(x: torch.Tensor, weight: torch.Tensor, bias: torch.Tensor | None = None,
                                           stride: IntOrPair = 1, padding: IntOrPair = 0) -> torch.Tensor:
    """Reads the weight as a convolution's (C_out, C_in, kH, kW): runs only where C_in == C_out."""
    with _exact_float32():
        return F.conv_transpose2d(x, weight.transpose(0, 1), bias, stride=stride, padding=padding)


# -- depthwise_separable_conv2d


def _convolve(x: torch.Tensor, weight: torch.Tensor, bias: torch.Tensor | None, stride: IntOrPair,
              padding: IntOrPair, dilation: IntOrPair, groups: int) -> torch.Tensor:
    with _exact_float32():
        return F.conv2d(x, weight, bias, stride, padding, dilation, groups)


def depthwise_separable_conv2d_multiplier_interleaved(
        x: torch.Tensor, depthwise_weight: torch.Tensor, pointwise_weight: torch.Tensor,
        depthwise_bias: torch.Tensor | None = None, pointwise_bias: torch.Tensor | None = None, stride: IntOrPair = 1,
        padding: IntOrPair = 0, dilation: IntOrPair = 1) -> torch.Tensor:
    """Gives filter k to input channel k % C (the channels repeated as a block) instead of k // M."""
    filters = depthwise_weight.shape[0]
    repeated = torch.cat([x] * (filters // x.shape[-3]), dim=-3)
    y = _convolve(repeated, depthwise_weight, depthwise_bias, stride, padding, dilation, filters)
    return _convolve(y, pointwise_weight, pointwise_bias, 1, 0, 1, 1)


def depthwise_separable_conv2d_stride_twice(
        x: torch.Tensor, depthwise_weight: torch.Tensor, pointwise_weight: torch.Tensor,
        depthwise_bias: torch.Tensor | None = None, pointwise_bias: torch.Tensor | None = None, stride: IntOrPair = 1,
        padding: IntOrPair = 0, dilation: IntOrPair = 1) -> torch.Tensor:
    """Strides the pointwise step too: a second downsampling."""
    y = _convolve(x, depthwise_weight, depthwise_bias, stride, padding, dilation, x.shape[-3])
    return _convolve(y, pointwise_weight, pointwise_bias, stride, 0, 1, 1)


def depthwise_separable_conv2d_channels_summed(
        x: torch.Tensor, depthwise_weight: torch.Tensor, pointwise_weight: torch.Tensor,
        depthwise_bias: torch.Tensor | None = None, pointwise_bias: torch.Tensor | None = None, stride: IntOrPair = 1,
        padding: IntOrPair = 0, dilation: IntOrPair = 1) -> torch.Tensor:
    """Lets every depthwise filter see the sum of the input channels, as one ordinary convolution would."""
    y = _convolve(x.sum(dim=-3, keepdim=True), depthwise_weight, depthwise_bias, stride, padding, dilation, 1)
    return _convolve(y, pointwise_weight, pointwise_bias, 1, 0, 1, 1)


# -- separable_param_count


def _kernel_area(kernel_size: IntOrPair) -> int:
    kh, kw = _pair(kernel_size)
    return kh * kw


def separable_param_count_one_bias(in_channels: int, out_channels: int, kernel_size: IntOrPair,
                                   bias: bool = True) -> int:
    """Gives the pointwise layer a bias and the depthwise layer none."""
    if in_channels < 1:
        raise ValueError("groups must be a positive integer")
    return in_channels * _kernel_area(kernel_size) + in_channels * out_channels + (out_channels if bias else 0)


def separable_param_count_depthwise_sees_all_channels(in_channels: int, out_channels: int, kernel_size: IntOrPair,
                                                      bias: bool = True) -> int:
    """Counts the depthwise layer as an ordinary in -> in convolution."""
    if in_channels < 1:
        raise ValueError("groups must be a positive integer")
    count = in_channels * in_channels * _kernel_area(kernel_size) + in_channels * out_channels
    return count + (in_channels + out_channels if bias else 0)


def separable_param_count_not_validated(in_channels: int, out_channels: int, kernel_size: IntOrPair,
                                        bias: bool = True) -> int:
    """The count without the depthwise layer's check: no input channels still gives a number."""
    count = in_channels * _kernel_area(kernel_size) + in_channels * out_channels
    return count + (in_channels + out_channels if bias else 0)
