"""Spreads and pads the input by hand (the textbook equivalence), then lets F.conv2d do the correlation: a
convolution operator all the same."""
import torch.nn.functional as F


def conv_transpose2d(x, weight, bias=None, stride=1, padding=0):
    s = (stride, stride) if isinstance(stride, int) else tuple(stride)
    p = (padding, padding) if isinstance(padding, int) else tuple(padding)
    squeeze = x.dim() == 3
    xb = x.unsqueeze(0) if squeeze else x
    n, c_in, h, w = xb.shape
    kh, kw = weight.shape[-2:]
    spread = xb.new_zeros(n, c_in, (h - 1) * s[0] + 1, (w - 1) * s[1] + 1)
    spread[:, :, ::s[0], ::s[1]] = xb
    spread = F.pad(spread, (kw - 1, kw - 1, kh - 1, kh - 1))
    spread = spread[:, :, p[0]:spread.shape[2] - p[0], p[1]:spread.shape[3] - p[1]]
    out = F.conv2d(spread, weight.flip(-2, -1).transpose(0, 1), bias)
    return out[0] if squeeze else out
