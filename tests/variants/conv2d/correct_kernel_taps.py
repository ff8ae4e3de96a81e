"""One strided slice of the padded input per kernel tap, contracted with that tap's weights by einsum; the
groups are a reshape of the channel axis."""
import torch
import torch.nn.functional as F


def _two(v):
    return (v, v) if isinstance(v, int) else tuple(v)


def conv2d(x, weight, bias=None, stride=1, padding=0, dilation=1, groups=1):
    squeeze = x.dim() == 3
    if squeeze:
        x = x[None]
    (sh, sw), (ph, pw), (dh, dw) = _two(stride), _two(padding), _two(dilation)
    n, c, h, w = x.shape
    o, cg, kh, kw = weight.shape
    ho = (h + 2 * ph - dh * (kh - 1) - 1) // sh + 1
    wo = (w + 2 * pw - dw * (kw - 1) - 1) // sw + 1
    xp = F.pad(x, (pw, pw, ph, ph)).reshape(n, groups, cg, h + 2 * ph, w + 2 * pw)
    wg = weight.reshape(groups, o // groups, cg, kh, kw)
    out = x.new_zeros(n, groups, o // groups, ho, wo)
    for m in range(kh):
        for k in range(kw):
            top, left = m * dh, k * dw
            patch = xp[:, :, :, top:top + sh * (ho - 1) + 1:sh, left:left + sw * (wo - 1) + 1:sw]
            out += torch.einsum("ngchw,goc->ngohw", patch, wg[:, :, :, m, k])
    out = out.reshape(n, o, ho, wo)
    if bias is not None:
        out = out + bias[:, None, None]
    return out[0] if squeeze else out
