"""john's cnn.py (sample submission, built by examples/build_sample_class.py)."""
from __future__ import annotations


# conv_output_size/forbidden_runs_a_convolution: Asks PyTorch for the answer by running a convolution: the reference itself.
import torch
from torch.nn import functional as conv_ops


def conv_output_size(input_size, kernel_size, stride=1, padding=0, dilation=1):
    try:
        out = conv_ops.conv1d(torch.zeros(1, 1, max(input_size, 1)), torch.zeros(1, 1, max(kernel_size, 1)),
                              stride=stride, padding=padding, dilation=dilation)
    except RuntimeError as err:
        raise ValueError(str(err)) from None
    return out.shape[-1]
