"""Classic mistakes of ``autograder.specs.basics``, written by hand: a near-answer is an answer (see
``autograder.core.key``). Never part of a student release, which records their outputs instead."""

from __future__ import annotations

import torch


def batch_norm_train_unbiased_variance(x: torch.Tensor, gamma: torch.Tensor, beta: torch.Tensor,
                                       eps: float = 1e-5) -> torch.Tensor:
    """Normalises by the unbiased variance (divided by count - 1)."""
    axes = [0, *range(2, x.dim())]
    shape = (1, -1) + (1,) * (x.dim() - 2)
    mean = x.mean(dim=axes, keepdim=True)
    variance = x.var(dim=axes, keepdim=True, correction=1)
    return (x - mean) / torch.sqrt(variance + eps) * gamma.reshape(shape) + beta.reshape(shape)
