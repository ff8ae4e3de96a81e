"""The hand-written references of ``autograder.specs.init`` and its classic mistakes: their code is the answer
(see ``autograder.core.key``). Never part of a student release, which records their outputs instead."""

from __future__ import annotations

import torch


def l2_penalty_reference(params: list[torch.Tensor], weight_decay: float) -> torch.Tensor:
    """weight_decay / 2 * (sum of p^2 over every entry of every tensor), summed in float64 and returned as a
    0-dim tensor in the parameters' dtype."""
    squares = torch.stack([p.to(torch.float64).square().sum() for p in params]).sum()
    return (0.5 * weight_decay * squares).to(params[0].dtype)


# ---------------------------------------------------------------------------------------------------------
# classic mistakes of l2_penalty


def l2_penalty_forgets_half(params: list[torch.Tensor], weight_decay: float) -> torch.Tensor:
    """weight_decay times the sum of squares, without the 1/2 (its gradient is 2 * weight_decay * p)."""
    total = sum(p.to(torch.float64).pow(2).sum() for p in params)
    return (weight_decay * torch.as_tensor(total, dtype=torch.float64)).to(params[0].dtype)


def l2_penalty_sums_norms(params: list[torch.Tensor], weight_decay: float) -> torch.Tensor:
    """weight_decay / 2 times the sum of each tensor's Euclidean norm, the norms not squared."""
    norms = [torch.linalg.vector_norm(p.to(torch.float64)) for p in params]
    return (weight_decay / 2 * torch.stack(norms).sum()).to(params[0].dtype)
