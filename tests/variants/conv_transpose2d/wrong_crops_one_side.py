"""Crops all of the padding (2 * padding rows and columns) from the bottom and right: the right size,
shifted by the padding."""
import torch


def conv_transpose2d(x, weight, bias=None, stride=1, padding=0):
    sh, sw = (stride, stride) if isinstance(stride, int) else stride
    ph, pw = (padding, padding) if isinstance(padding, int) else padding
    squeeze = x.dim() == 3
    if squeeze:
        x = x.unsqueeze(0)
    n, c_in, h, w = x.shape
    _, c_out, kh, kw = weight.shape
    full = x.new_zeros(n, c_out, (h - 1) * sh + kh, (w - 1) * sw + kw)
    for m in range(kh):
        for k in range(kw):
            full[:, :, m:m + sh * (h - 1) + 1:sh, k:k + sw * (w - 1) + 1:sw] += torch.einsum(
                "nchw,co->nohw", x, weight[:, :, m, k])
    out = full[:, :, :full.shape[2] - 2 * ph, :full.shape[3] - 2 * pw]
    if bias is not None:
        out = out + bias[:, None, None]
    return out[0] if squeeze else out
