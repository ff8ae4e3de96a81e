"""The textbook convolution: flips the kernel before sliding it. PyTorch's conv2d is a cross-correlation."""
import torch.nn.functional as F


def _two(v):
    return (v, v) if isinstance(v, int) else tuple(v)


def conv2d(x, weight, bias=None, stride=1, padding=0, dilation=1, groups=1):
    squeeze = x.dim() == 3
    if squeeze:
        x = x.unsqueeze(0)
    weight = weight.flip(-2, -1)
    n, _, h, w = x.shape
    o, cg, kh, kw = weight.shape
    (sh, sw), (ph, pw), (dh, dw) = _two(stride), _two(padding), _two(dilation)
    ho = (h + 2 * ph - dh * (kh - 1) - 1) // sh + 1
    wo = (w + 2 * pw - dw * (kw - 1) - 1) // sw + 1
    cols = F.unfold(x, (kh, kw), dilation=(dh, dw), padding=(ph, pw), stride=(sh, sw))
    cols = cols.reshape(n, groups, cg * kh * kw, ho * wo)
    out = (weight.reshape(groups, o // groups, -1) @ cols).reshape(n, o, ho, wo)
    if bias is not None:
        out = out + bias.reshape(1, -1, 1, 1)
    return out.squeeze(0) if squeeze else out
