"""Builds the windows as one strided view with as_strided, then reduces the last two axes with amax."""
import torch


def max_pool2d(x, kernel_size, stride=None, padding=0):
    kh, kw = (kernel_size,) * 2 if isinstance(kernel_size, int) else tuple(kernel_size)
    sh, sw = (kh, kw) if stride is None else ((stride,) * 2 if isinstance(stride, int) else tuple(stride))
    ph, pw = (padding,) * 2 if isinstance(padding, int) else tuple(padding)
    h, w = x.shape[-2:]
    padded = torch.full((*x.shape[:-2], h + 2 * ph, w + 2 * pw), float("-inf"), dtype=x.dtype, device=x.device)
    padded[..., ph:ph + h, pw:pw + w] = x
    padded = padded.contiguous()
    ho = (h + 2 * ph - kh) // sh + 1
    wo = (w + 2 * pw - kw) // sw + 1
    st = padded.stride()
    windows = padded.as_strided((*padded.shape[:-2], ho, wo, kh, kw),
                                (*st[:-2], st[-2] * sh, st[-1] * sw, st[-2], st[-1]))
    return windows.amax(dim=(-1, -2))
