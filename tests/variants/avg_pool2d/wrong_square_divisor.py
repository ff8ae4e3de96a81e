"""Sums each window right but divides by kernel_size[0] squared, as if every kernel were square."""
import torch.nn.functional as F


def avg_pool2d(x, kernel_size, stride=None, padding=0):
    kh, kw = (kernel_size, kernel_size) if isinstance(kernel_size, int) else kernel_size
    sh, sw = (kh, kw) if stride is None else ((stride, stride) if isinstance(stride, int) else stride)
    ph, pw = (padding, padding) if isinstance(padding, int) else padding
    padded = F.pad(x, (pw, pw, ph, ph))
    return padded.unfold(-2, kh, sh).unfold(-2, kw, sw).sum(dim=(-2, -1)) / (kh * kh)
