"""Reads a pair as (width, height), the way image libraries often write sizes; PyTorch's pairs are (H, W)."""
import torch.nn.functional as F


def _wh(v):
    # (along W, along H) -> swapped into (H, W) order below
    return (v, v) if isinstance(v, int) else (v[1], v[0])


def max_pool2d(x, kernel_size, stride=None, padding=0):
    kh, kw = _wh(kernel_size)
    sh, sw = (kh, kw) if stride is None else _wh(stride)
    ph, pw = _wh(padding)
    padded = F.pad(x, (pw, pw, ph, ph), value=float("-inf"))
    return padded.unfold(-2, kh, sh).unfold(-2, kw, sw).amax(dim=(-2, -1))
