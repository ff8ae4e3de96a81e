"""Treats stride=None like a convolution's default, 1: overlapping windows where PyTorch tiles them."""
import torch.nn.functional as F


def avg_pool2d(x, kernel_size, stride=None, padding=0):
    stride = stride or 1
    kh, kw = (kernel_size, kernel_size) if isinstance(kernel_size, int) else kernel_size
    sh, sw = (stride, stride) if isinstance(stride, int) else stride
    ph, pw = (padding, padding) if isinstance(padding, int) else padding
    padded = F.pad(x, (pw, pw, ph, ph))
    return padded.unfold(-2, kh, sh).unfold(-2, kw, sw).mean(dim=(-2, -1))
