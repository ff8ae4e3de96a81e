"""Pads only the top and the left (with 2 * padding there, so the output size is right): the windows are
shifted against PyTorch's symmetric padding."""
import torch
import torch.nn.functional as F


def _two(v):
    return (v, v) if isinstance(v, int) else tuple(v)


def conv2d(x, weight, bias=None, stride=1, padding=0, dilation=1, groups=1):
    squeeze = x.dim() == 3
    if squeeze:
        x = x.unsqueeze(0)
    (ph, pw) = _two(padding)
    x = F.pad(x, (2 * pw, 0, 2 * ph, 0))
    n, _, h, w = x.shape
    o, cg, kh, kw = weight.shape
    (sh, sw), (dh, dw) = _two(stride), _two(dilation)
    ho = (h - dh * (kh - 1) - 1) // sh + 1
    wo = (w - dw * (kw - 1) - 1) // sw + 1
    cols = F.unfold(x, (kh, kw), dilation=(dh, dw), stride=(sh, sw)).reshape(n, groups, cg * kh * kw, ho * wo)
    out = torch.matmul(weight.reshape(groups, o // groups, -1), cols).reshape(n, o, ho, wo)
    if bias is not None:
        out = out + bias.reshape(1, -1, 1, 1)
    return out.squeeze(0) if squeeze else out
