"""Adds all of the padding (2 * padding) at the bottom and right: the right output size, shifted windows."""
import torch.nn.functional as F


def max_pool2d(x, kernel_size, stride=None, padding=0):
    kh, kw = (kernel_size, kernel_size) if isinstance(kernel_size, int) else kernel_size
    sh, sw = (kh, kw) if stride is None else ((stride, stride) if isinstance(stride, int) else stride)
    ph, pw = (padding, padding) if isinstance(padding, int) else padding
    padded = F.pad(x, (0, 2 * pw, 0, 2 * ph), value=float("-inf"))
    return padded.unfold(-2, kh, sh).unfold(-2, kw, sw).amax(dim=(-2, -1))
