"""Correct, but a Python loop over every output position, taking one window's maximum at a time."""
import torch


def max_pool2d(x, kernel_size, stride=None, padding=0):
    kh, kw = (kernel_size, kernel_size) if isinstance(kernel_size, int) else kernel_size
    sh, sw = (kh, kw) if stride is None else ((stride, stride) if isinstance(stride, int) else stride)
    ph, pw = (padding, padding) if isinstance(padding, int) else padding
    h, w = x.shape[-2:]
    ho = (h + 2 * ph - kh) // sh + 1
    wo = (w + 2 * pw - kw) // sw + 1
    out = torch.empty((*x.shape[:-2], ho, wo), dtype=x.dtype, device=x.device)
    for i in range(ho):
        for j in range(wo):
            # the window clipped to the real image: the padding (-inf) can never be the maximum
            top, left = i * sh - ph, j * sw - pw
            window = x[..., max(top, 0):top + kh, max(left, 0):left + kw]
            out[..., i, j] = window.amax(dim=(-2, -1))
    return out
