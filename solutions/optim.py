"""Optimisers: one step of SGD with momentum, one step of Adam, and early stopping (solutions)."""

from __future__ import annotations

import math

import torch


def sgd_step(params: list[torch.Tensor], grads: list[torch.Tensor], momentum_buffers: list[torch.Tensor | None],
             lr: float, momentum: float = 0.0, dampening: float = 0.0, weight_decay: float = 0.0,
             nesterov: bool = False) -> tuple[list[torch.Tensor], list[torch.Tensor | None]]:
    """Weight decay into the gradient, the velocity (the raw gradient on the first step), then the step."""
    if lr < 0 or momentum < 0 or weight_decay < 0:
        raise ValueError("lr, momentum and weight_decay must be non-negative")
    if nesterov and (momentum <= 0 or dampening != 0):
        raise ValueError("Nesterov momentum needs momentum > 0 and no dampening")
    stepped, velocities = [], []
    for p, g, velocity in zip(params, grads, momentum_buffers, strict=True):
        direction = g + weight_decay * p if weight_decay else g.clone()
        if momentum:
            velocity = direction.clone() if velocity is None else momentum * velocity + (1 - dampening) * direction
            direction = direction + momentum * velocity if nesterov else velocity
        stepped.append(p - lr * direction)
        velocities.append(velocity)
    return stepped, velocities


def adam_step(param: torch.Tensor, grad: torch.Tensor, exp_avg: torch.Tensor, exp_avg_sq: torch.Tensor, step: int,
              lr: float = 1e-3, betas: tuple[float, float] = (0.9, 0.999), eps: float = 1e-8,
              weight_decay: float = 0.0) -> tuple[torch.Tensor, torch.Tensor, torch.Tensor]:
    """The moments first, then the step size with the first moment's correction and the denominator with the
    second's, as PyTorch arranges it."""
    beta1, beta2 = betas
    if lr < 0 or eps < 0 or weight_decay < 0 or not (0 <= beta1 < 1 and 0 <= beta2 < 1):
        raise ValueError("invalid Adam hyperparameter")
    g = grad + weight_decay * param if weight_decay else grad
    m = torch.lerp(exp_avg, g, 1 - beta1)
    v = beta2 * exp_avg_sq + (1 - beta2) * g * g
    denominator = v.sqrt() / math.sqrt(1 - beta2 ** step) + eps
    return param - lr / (1 - beta1 ** step) * m / denominator, m, v


def early_stopping(val_losses: list[float], patience: int, min_delta: float = 0.0) -> tuple[int, int]:
    """Every epoch after the best one is an epoch without improvement: patience runs out ``patience`` epochs
    after the best."""
    if patience < 1 or min_delta < 0 or len(val_losses) == 0:
        raise ValueError("patience >= 1, min_delta >= 0 and at least one loss, please")
    best_epoch = 0
    for epoch, loss in enumerate(val_losses):
        if val_losses[best_epoch] - loss > min_delta:
            best_epoch = epoch
        elif epoch - best_epoch == patience:
            return epoch, best_epoch
    return len(val_losses) - 1, best_epoch
