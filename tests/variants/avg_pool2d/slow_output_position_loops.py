"""Correct, but a Python loop over every output position, averaging one window at a time."""
import torch.nn.functional as F


def avg_pool2d(x, kernel_size, stride=None, padding=0):
    kh, kw = (kernel_size, kernel_size) if isinstance(kernel_size, int) else kernel_size
    sh, sw = (kh, kw) if stride is None else ((stride, stride) if isinstance(stride, int) else stride)
    ph, pw = (padding, padding) if isinstance(padding, int) else padding
    padded = F.pad(x, (pw, pw, ph, ph))
    ho = (padded.shape[-2] - kh) // sh + 1
    wo = (padded.shape[-1] - kw) // sw + 1
    out = x.new_empty((*x.shape[:-2], ho, wo))
    for i in range(ho):
        for j in range(wo):
            out[..., i, j] = padded[..., i * sh:i * sh + kh, j * sw:j * sw + kw].sum(dim=(-2, -1)) / (kh * kw)
    return out
