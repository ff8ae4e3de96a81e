"""A summed-area table (2-d cumulative sum, in float64 so that differences of large sums stay exact): each
window's sum is four lookups."""
import torch
import torch.nn.functional as F


def avg_pool2d(x, kernel_size, stride=None, padding=0):
    kh, kw = (kernel_size,) * 2 if isinstance(kernel_size, int) else kernel_size
    sh, sw = (kh, kw) if stride is None else ((stride,) * 2 if isinstance(stride, int) else stride)
    ph, pw = (padding,) * 2 if isinstance(padding, int) else padding
    padded = F.pad(x.double(), (pw, pw, ph, ph))
    table = F.pad(padded.cumsum(-2).cumsum(-1), (1, 0, 1, 0))  # table[i, j] = sum of padded[:i, :j]
    ho = (padded.shape[-2] - kh) // sh + 1
    wo = (padded.shape[-1] - kw) // sw + 1
    top = torch.arange(ho, device=x.device) * sh
    left = torch.arange(wo, device=x.device) * sw
    bottom, right = top + kh, left + kw
    sums = (table[..., bottom[:, None], right] - table[..., top[:, None], right]
            - table[..., bottom[:, None], left] + table[..., top[:, None], left])
    return (sums / (kh * kw)).to(x.dtype)
