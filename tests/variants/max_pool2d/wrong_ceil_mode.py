"""Keeps the partial windows at the bottom and right edges (ceil instead of floor), padding them with -inf."""
import math

import torch.nn.functional as F


def max_pool2d(x, kernel_size, stride=None, padding=0):
    kh, kw = (kernel_size, kernel_size) if isinstance(kernel_size, int) else kernel_size
    sh, sw = (kh, kw) if stride is None else ((stride, stride) if isinstance(stride, int) else stride)
    ph, pw = (padding, padding) if isinstance(padding, int) else padding
    h, w = x.shape[-2:]
    ho = math.ceil((h + 2 * ph - kh) / sh) + 1
    wo = math.ceil((w + 2 * pw - kw) / sw) + 1
    extra_h = (ho - 1) * sh + kh - (h + 2 * ph)
    extra_w = (wo - 1) * sw + kw - (w + 2 * pw)
    padded = F.pad(x, (pw, pw + extra_w, ph, ph + extra_h), value=float("-inf"))
    return padded.unfold(-2, kh, sh).unfold(-2, kw, sw).amax(dim=(-2, -1))
