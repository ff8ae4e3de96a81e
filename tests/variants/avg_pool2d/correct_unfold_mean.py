"""F.unfold pads with zeros, which is exactly what count_include_pad=True averages over: the mean of each
unfolded column."""
import torch.nn.functional as F


def avg_pool2d(x, kernel_size, stride=None, padding=0):
    k = (kernel_size, kernel_size) if isinstance(kernel_size, int) else tuple(kernel_size)
    s = k if stride is None else ((stride, stride) if isinstance(stride, int) else tuple(stride))
    p = (padding, padding) if isinstance(padding, int) else tuple(padding)
    *lead, c, h, w = x.shape
    x4 = x.reshape(-1, c, h, w)
    ho = (h + 2 * p[0] - k[0]) // s[0] + 1
    wo = (w + 2 * p[1] - k[1]) // s[1] + 1
    cols = F.unfold(x4, k, padding=p, stride=s).reshape(x4.shape[0], c, k[0] * k[1], ho, wo)
    return cols.mean(dim=2).reshape(*lead, c, ho, wo)
