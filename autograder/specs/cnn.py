"""Convolutional networks: the shapes a convolution produces."""

from __future__ import annotations

import random

import torch
import torch.nn.functional as F

from autograder.spec import Case, Exercise

ORDER = 10


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
        points=5,
        reference=conv_output_size_reference,
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
