"""Basics: neurons, activations, losses, gradient descent and batch normalisation (solutions)."""

from __future__ import annotations

import torch
from torch import Tensor


def linear_forward(x: Tensor, weight: Tensor, bias: Tensor | None = None) -> Tensor:
    """``torch.nn.functional.linear``: x W^T + b over the last axis of ``x``, whatever the leading axes."""
    out = x @ weight.T
    return out if bias is None else out + bias


def relu(x: Tensor) -> Tensor:
    """max(x, 0) elementwise."""
    return torch.where(x > 0, x, torch.zeros_like(x))


def leaky_relu(x: Tensor, negative_slope: float = 0.01) -> Tensor:
    """x where x > 0, negative_slope * x elsewhere."""
    # a select, not max(x, a * x): that shortcut is wrong for slopes above 1
    return torch.where(x > 0, x, x * negative_slope)


def elu(x: Tensor, alpha: float = 1.0) -> Tensor:
    """x where x > 0, alpha * (exp(x) - 1) elsewhere."""
    # expm1 keeps the digits of exp(x) - 1 near 0; the overflow of exp at large x lands in the branch not taken
    return torch.where(x > 0, x, alpha * torch.expm1(x))


def sigmoid(x: Tensor) -> Tensor:
    """1 / (1 + exp(-x)), exponentiating only -|x| so that nothing overflows."""
    e = torch.exp(-x.abs())
    return torch.where(x >= 0, 1 / (1 + e), e / (1 + e))


def softmax(x: Tensor, dim: int = -1) -> Tensor:
    """exp(x - max) / sum(exp(x - max)) along ``dim``."""
    e = torch.exp(x - x.amax(dim=dim, keepdim=True))
    return e / e.sum(dim=dim, keepdim=True)


def mse_loss(y_hat: Tensor, y: Tensor) -> Tensor:
    """The mean over every element of (y_hat - y)^2."""
    return ((y_hat - y) ** 2).mean()


def binary_cross_entropy(y_hat: Tensor, y: Tensor) -> Tensor:
    """-mean(y log(y_hat) + (1 - y) log(1 - y_hat)), each log clamped at -100 as PyTorch does."""
    log_p = torch.log(y_hat).clamp(min=-100)
    log_not_p = torch.log1p(-y_hat).clamp(min=-100)
    return -(y * log_p + (1 - y) * log_not_p).mean()


def gradient_descent_step(w: Tensor, b: Tensor, x: Tensor, y: Tensor, lr: float) -> tuple[Tensor, Tensor]:
    """One step of gradient descent on mean((x @ w + b - y)^2), for one output or K of them."""
    residual = x @ w + b - y
    scale = 2 / residual.numel()  # the mean runs over all N * K entries
    grad_w = scale * (x.T @ residual)
    grad_b = scale * residual.sum(dim=0)
    return w - lr * grad_w, b - lr * grad_b


def batch_norm_train(x: Tensor, gamma: Tensor, beta: Tensor, eps: float = 1e-5) -> Tensor:
    """Training-mode batch normalisation of ``(N, C)`` or ``(N, C, H, W)`` with the biased batch variance."""
    dims = [0, *range(2, x.dim())]  # every axis but the channels
    mean = x.mean(dim=dims, keepdim=True)
    var = ((x - mean) ** 2).mean(dim=dims, keepdim=True)
    shape = [1, -1] + [1] * (x.dim() - 2)
    return (x - mean) / torch.sqrt(var + eps) * gamma.view(shape) + beta.view(shape)
