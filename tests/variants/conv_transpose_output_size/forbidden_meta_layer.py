"""Runs an nn.ConvTranspose1d on the meta device (shapes only, no arithmetic): still PyTorch's convolution."""
import torch
from torch import nn


def conv_transpose_output_size(input_size, kernel_size, stride=1, padding=0, output_padding=0, dilation=1):
    try:
        layer = nn.ConvTranspose1d(1, 1, kernel_size, stride=stride, padding=padding,
                                   output_padding=output_padding, dilation=dilation, device="meta")
        return layer(torch.empty(1, 1, input_size, device="meta")).shape[-1]
    except RuntimeError as err:
        raise ValueError(str(err)) from None
