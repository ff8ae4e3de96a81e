"""Calls the operator behind F.max_pool2d, max_pool2d_with_indices, through torch.ops.aten and keeps the
values."""
import torch


def _two(v):
    return [v, v] if isinstance(v, int) else list(v)


def max_pool2d(x, kernel_size, stride=None, padding=0):
    values, _ = torch.ops.aten.max_pool2d_with_indices(x, _two(kernel_size),
                                                       _two(kernel_size if stride is None else stride),
                                                       _two(padding))
    return values
