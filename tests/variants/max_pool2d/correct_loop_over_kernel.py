"""A running elementwise maximum over the kernel's offsets: one strided slice of the padded input each."""
import torch
import torch.nn.functional as F


def max_pool2d(x, kernel_size, stride=None, padding=0):
    k = kernel_size if isinstance(kernel_size, tuple) else (kernel_size, kernel_size)
    s = k if stride is None else (stride if isinstance(stride, tuple) else (stride, stride))
    p = padding if isinstance(padding, tuple) else (padding, padding)
    padded = F.pad(x, (p[1], p[1], p[0], p[0]), value=-torch.inf)
    ho = (padded.shape[-2] - k[0]) // s[0] + 1
    wo = (padded.shape[-1] - k[1]) // s[1] + 1
    best = None
    for a in range(k[0]):
        for b in range(k[1]):
            part = padded[..., a:a + s[0] * (ho - 1) + 1:s[0], b:b + s[1] * (wo - 1) + 1:s[1]]
            best = part if best is None else torch.maximum(best, part)
    return best.clone()
