"""Builds an nn.ConvTranspose2d, copies the weights in and runs it."""
import torch
from torch import nn


def conv_transpose2d(x, weight, bias=None, stride=1, padding=0):
    c_in, c_out, kh, kw = weight.shape
    layer = nn.ConvTranspose2d(c_in, c_out, (kh, kw), stride=stride, padding=padding, bias=bias is not None,
                               dtype=x.dtype)
    with torch.no_grad():
        layer.weight.copy_(weight)
        if bias is not None:
            layer.bias.copy_(bias)
        return layer(x)
