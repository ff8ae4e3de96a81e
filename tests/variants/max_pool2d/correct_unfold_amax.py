"""Pads with -inf by hand, unfolds every window into a column with F.unfold (which would pad with zeros, so
it gets no padding of its own) and takes the column maximum."""
import torch.nn.functional as F


def max_pool2d(x, kernel_size, stride=None, padding=0):
    kh, kw = (kernel_size, kernel_size) if isinstance(kernel_size, int) else kernel_size
    if stride is None:
        stride = (kh, kw)
    sh, sw = (stride, stride) if isinstance(stride, int) else stride
    ph, pw = (padding, padding) if isinstance(padding, int) else padding
    lead = x.shape[:-3]
    c, h, w = x.shape[-3:]
    x4 = F.pad(x.reshape(-1, c, h, w), (pw, pw, ph, ph), value=float("-inf"))
    ho = (h + 2 * ph - kh) // sh + 1
    wo = (w + 2 * pw - kw) // sw + 1
    cols = F.unfold(x4, (kh, kw), stride=(sh, sw))  # (N, C * kh * kw, ho * wo)
    out = cols.reshape(x4.shape[0], c, kh * kw, ho * wo).max(dim=2).values
    return out.reshape(*lead, c, ho, wo)
