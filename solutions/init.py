"""Initialisation and regularisation: Xavier and Kaiming initial weights, dropout, the L2 penalty (solutions)."""

from __future__ import annotations

import math

import torch

GAINS = {"linear": 1.0, "sigmoid": 1.0, "tanh": 5.0 / 3, "relu": math.sqrt(2.0), "selu": 0.75}


def xavier_uniform(fan_out: int, fan_in: int, gain: float = 1.0,
                   generator: torch.Generator | None = None) -> torch.Tensor:
    """U(-a, a) with a = gain * sqrt(6 / (fan_in + fan_out)), drawn by Tensor.uniform_."""
    bound = gain * math.sqrt(6.0 / (fan_in + fan_out))
    return torch.empty(fan_out, fan_in).uniform_(-bound, bound, generator=generator)


def kaiming_normal(fan_out: int, fan_in: int, a: float = 0.0, mode: str = "fan_in", nonlinearity: str = "leaky_relu",
                   generator: torch.Generator | None = None) -> torch.Tensor:
    """Standard normals scaled by gain / sqrt(fan)."""
    if mode not in ("fan_in", "fan_out"):
        raise ValueError(f"mode must be fan_in or fan_out, not {mode!r}")
    if nonlinearity == "leaky_relu":
        gain = math.sqrt(2.0 / (1 + a * a))
    elif nonlinearity in GAINS:
        gain = GAINS[nonlinearity]
    else:
        raise ValueError(f"unsupported nonlinearity {nonlinearity!r}")
    fan = fan_in if mode == "fan_in" else fan_out
    return torch.randn(fan_out, fan_in, generator=generator) * (gain / math.sqrt(fan))


def dropout(x: torch.Tensor, p: float, training: bool = True, generator: torch.Generator | None = None) -> torch.Tensor:
    """A uniform draw per element: kept where it is at least p, rescaled by 1 / (1 - p)."""
    if not 0 <= p <= 1:
        raise ValueError(f"p must be in [0, 1], not {p}")
    if not training:
        return x
    if p == 1:
        return torch.zeros_like(x)
    keep = torch.rand(x.shape, generator=generator, dtype=x.dtype, device=x.device) >= p
    return torch.where(keep, x / (1 - p), torch.zeros_like(x))


def l2_penalty(params: list[torch.Tensor], weight_decay: float) -> torch.Tensor:
    """Half the decay times the squared norm of every parameter flattened into one vector."""
    flat = torch.cat([p.reshape(-1) for p in params])
    return weight_decay / 2 * torch.dot(flat, flat)
