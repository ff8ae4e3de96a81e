"""Splits the channels into groups the wrong way: group g takes channels g, g + groups, ... (interleaved)
instead of the contiguous block g * C_in_g ... (g + 1) * C_in_g - 1."""
import torch.nn.functional as F


def _two(v):
    return (v, v) if isinstance(v, int) else tuple(v)


def conv2d(x, weight, bias=None, stride=1, padding=0, dilation=1, groups=1):
    squeeze = x.dim() == 3
    if squeeze:
        x = x.unsqueeze(0)
    n, _, h, w = x.shape
    o, cg, kh, kw = weight.shape
    (sh, sw), (ph, pw), (dh, dw) = _two(stride), _two(padding), _two(dilation)
    ho = (h + 2 * ph - dh * (kh - 1) - 1) // sh + 1
    wo = (w + 2 * pw - dw * (kw - 1) - 1) // sw + 1
    cols = F.unfold(x, (kh, kw), dilation=(dh, dw), padding=(ph, pw), stride=(sh, sw))
    cols = cols.reshape(n, cg, groups, kh * kw, ho * wo).transpose(1, 2).reshape(n, groups, cg * kh * kw, ho * wo)
    out = (weight.reshape(groups, o // groups, -1) @ cols).reshape(n, o, ho, wo)
    if bias is not None:
        out = out + bias.reshape(1, -1, 1, 1)
    return out.squeeze(0) if squeeze else out
