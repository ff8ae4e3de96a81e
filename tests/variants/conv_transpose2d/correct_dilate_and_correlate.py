"""The textbook equivalence: put stride - 1 zeros between the input pixels, pad by k - 1 - padding, and run
an ordinary cross-correlation (im2col with unfold) with the kernel flipped and its channel axes swapped."""
import torch.nn.functional as F


def conv_transpose2d(x, weight, bias=None, stride=1, padding=0):
    s = (stride, stride) if isinstance(stride, int) else tuple(stride)
    p = (padding, padding) if isinstance(padding, int) else tuple(padding)
    unbatched = x.ndim == 3
    if unbatched:
        x = x[None]
    n, c_in, h, w = x.shape
    _, c_out, kh, kw = weight.shape
    spread = x.new_zeros(n, c_in, (h - 1) * s[0] + 1, (w - 1) * s[1] + 1)
    spread[:, :, ::s[0], ::s[1]] = x
    # a padding larger than k - 1 crops instead: pad by k - 1, then cut p from every side
    spread = F.pad(spread, (kw - 1, kw - 1, kh - 1, kh - 1))
    spread = spread[:, :, p[0]:spread.shape[2] - p[0], p[1]:spread.shape[3] - p[1]]
    ho, wo = spread.shape[2] - kh + 1, spread.shape[3] - kw + 1
    kernel = weight.flip(-2, -1).transpose(0, 1).reshape(c_out, c_in * kh * kw)
    out = (kernel @ F.unfold(spread, (kh, kw))).reshape(n, c_out, ho, wo)
    if bias is not None:
        out = out + bias.reshape(1, -1, 1, 1)
    return out[0] if unbatched else out
