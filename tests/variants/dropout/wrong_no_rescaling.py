"""Drops elements but forgets to scale the kept ones by 1 / (1 - p): the expected output shrinks."""
import torch


def dropout(x, p, training=True, generator=None):
    if not training:
        return x
    keep = torch.rand(x.shape, generator=generator, dtype=x.dtype, device=x.device) >= p
    return x * keep
