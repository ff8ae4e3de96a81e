"""Gives filter c*M + m to input channel (c*M + m) % C (torch.Tensor.repeat's order) instead of to channel c:
right for a depth multiplier of 1, wrong channels for M > 1."""
import torch
import torch.nn.functional as F


def _two(v):
    return (v, v) if isinstance(v, int) else tuple(v)


def depthwise_separable_conv2d(x, depthwise_weight, pointwise_weight, depthwise_bias=None, pointwise_bias=None,
                               stride=1, padding=0, dilation=1):
    single = x.dim() == 3
    if single:
        x = x[None]
    (sh, sw), (ph, pw), (dh, dw) = _two(stride), _two(padding), _two(dilation)
    n, c, h, w = x.shape
    cm, _, kh, kw = depthwise_weight.shape
    ho = (h + 2 * ph - dh * (kh - 1) - 1) // sh + 1
    wo = (w + 2 * pw - dw * (kw - 1) - 1) // sw + 1
    xp = F.pad(x, (pw, pw, ph, ph)).repeat(1, cm // c, 1, 1)
    y = x.new_zeros(n, cm, ho, wo)
    for p in range(kh):
        for q in range(kw):
            patch = xp[:, :, p * dh:p * dh + sh * (ho - 1) + 1:sh, q * dw:q * dw + sw * (wo - 1) + 1:sw]
            y = y + patch * depthwise_weight[:, 0, p, q].reshape(1, cm, 1, 1)
    if depthwise_bias is not None:
        y = y + depthwise_bias.reshape(1, cm, 1, 1)
    out = torch.einsum("ok,nkij->noij", pointwise_weight[:, :, 0, 0], y)
    if pointwise_bias is not None:
        out = out + pointwise_bias.reshape(1, -1, 1, 1)
    return out[0] if single else out
