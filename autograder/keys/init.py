"""The hand-written references of ``autograder.specs.init``: their code is the answer (see
``autograder.core.key``). Never part of a student release."""

from __future__ import annotations

import torch


def l2_penalty_reference(params: list[torch.Tensor], weight_decay: float) -> torch.Tensor:
    """weight_decay / 2 * (sum of p^2 over every entry of every tensor), summed in float64 and returned as a
    0-dim tensor in the parameters' dtype."""
    squares = torch.stack([p.to(torch.float64).square().sum() for p in params]).sum()
    return (0.5 * weight_decay * squares).to(params[0].dtype)
