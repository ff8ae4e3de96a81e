"""Correct, but a Python loop over every input pixel, scattering one scaled kernel copy at a time (the
transposed convolution's own picture, run position by position)."""
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
    for i in range(h):
        for j in range(w):
            full[:, :, i * sh:i * sh + kh, j * sw:j * sw + kw] += torch.einsum("nc,comk->nomk", x[:, :, i, j], weight)
    out = full[:, :, ph:full.shape[2] - ph, pw:full.shape[3] - pw]
    if bias is not None:
        out = out + bias[:, None, None]
    return out[0] if squeeze else out
