"""Keeps the partial windows at the bottom and right edges (ceil instead of floor), averaging what they
hold."""
import math

import torch


def avg_pool2d(x, kernel_size, stride=None, padding=0):
    kh, kw = (kernel_size, kernel_size) if isinstance(kernel_size, int) else kernel_size
    sh, sw = (kh, kw) if stride is None else ((stride, stride) if isinstance(stride, int) else stride)
    ph, pw = (padding, padding) if isinstance(padding, int) else padding
    h, w = x.shape[-2:]
    padded = torch.nn.functional.pad(x, (pw, pw, ph, ph))
    ho = math.ceil((h + 2 * ph - kh) / sh) + 1
    wo = math.ceil((w + 2 * pw - kw) / sw) + 1
    out = x.new_empty((*x.shape[:-2], ho, wo))
    for i in range(ho):
        for j in range(wo):
            out[..., i, j] = padded[..., i * sh:i * sh + kh, j * sw:j * sw + kw].mean(dim=(-2, -1))
    return out
