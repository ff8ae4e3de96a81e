"""Accepts a pair for stride, padding and dilation but uses its first entry for both axes."""
import torch.nn.functional as F


def _one(v):
    return v if isinstance(v, int) else v[0]


def conv2d(x, weight, bias=None, stride=1, padding=0, dilation=1, groups=1):
    squeeze = x.dim() == 3
    if squeeze:
        x = x.unsqueeze(0)
    s, p, d = _one(stride), _one(padding), _one(dilation)
    n, _, h, w = x.shape
    o, cg, kh, kw = weight.shape
    ho = (h + 2 * p - d * (kh - 1) - 1) // s + 1
    wo = (w + 2 * p - d * (kw - 1) - 1) // s + 1
    cols = F.unfold(x, (kh, kw), dilation=d, padding=p, stride=s).reshape(n, groups, cg * kh * kw, ho * wo)
    out = (weight.reshape(groups, o // groups, -1) @ cols).reshape(n, o, ho, wo)
    if bias is not None:
        out = out + bias.reshape(1, -1, 1, 1)
    return out.squeeze(0) if squeeze else out
