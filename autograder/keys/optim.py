"""The hand-written references of ``autograder.specs.optim`` and its classic mistakes: their code is the
answer (see ``autograder.core.key``). Never part of a student release, which records their outputs instead."""

from __future__ import annotations

from collections.abc import Callable

import torch


def early_stopping_reference(val_losses: list[float], patience: int, min_delta: float = 0.0) -> tuple[int, int]:
    """Keep the best loss so far; an epoch improves on it when best - loss > min_delta (then it becomes the
    best, and the count of epochs without improvement restarts); training stops after the epoch that brings
    that count to ``patience``, or after the last epoch."""
    if patience < 1:
        raise ValueError(f"patience must be at least 1, got {patience}")
    if min_delta < 0:
        raise ValueError(f"min_delta must be >= 0, got {min_delta}")
    if not val_losses:
        raise ValueError("val_losses is empty: there is no epoch to stop after")
    best, best_epoch, waited = val_losses[0], 0, 0
    for epoch in range(1, len(val_losses)):
        if best - val_losses[epoch] > min_delta:
            best, best_epoch, waited = val_losses[epoch], epoch, 0
            continue
        waited += 1
        if waited == patience:
            return epoch, best_epoch
    return len(val_losses) - 1, best_epoch


# ---------------------------------------------------------------------------------------------------------
# classic mistakes of sgd_step: each plays a whole (wrong) step, with the checks torch.optim.SGD makes

SgdState = tuple[list[torch.Tensor], list[torch.Tensor | None]]


def _sgd_refuses(lr: float, momentum: float, dampening: float, weight_decay: float, nesterov: bool) -> None:
    """The ValueError the optimiser's constructor raises for these hyperparameters, if any."""
    refused = min(lr, momentum, weight_decay) < 0
    if nesterov:
        refused = refused or momentum <= 0 or dampening != 0
    if refused:
        raise ValueError("torch.optim.SGD refuses these hyperparameters")


def _sgd_mistaken(params: list[torch.Tensor], grads: list[torch.Tensor], momentum_buffers: list[torch.Tensor | None],
                  lr: float, momentum: float, dampening: float, weight_decay: float, nesterov: bool,
                  direction: Callable[..., tuple[torch.Tensor, torch.Tensor | None]]) -> SgdState:
    """One step on each tensor: ``direction(p, g, buffer)`` gives what lr multiplies and the new buffer."""
    _sgd_refuses(lr, momentum, dampening, weight_decay, nesterov)
    stepped, kept = [], []
    for p, g, buffer in zip(params, grads, momentum_buffers, strict=True):
        d, buffer = direction(p.detach(), g.detach(), None if buffer is None else buffer.detach())
        stepped.append(p.detach() - lr * d)
        kept.append(buffer)
    return stepped, kept


def sgd_step_dampens_first_step(params: list[torch.Tensor], grads: list[torch.Tensor],
                                momentum_buffers: list[torch.Tensor | None], lr: float, momentum: float = 0.0,
                                dampening: float = 0.0, weight_decay: float = 0.0, nesterov: bool = False) -> SgdState:
    """The first buffer is (1 - dampening) * g, where PyTorch starts it at g itself."""

    def direction(p, g, buffer):
        g = g + weight_decay * p
        if momentum == 0:
            return g, buffer
        start = torch.zeros_like(g) if buffer is None else momentum * buffer
        buffer = start + (1 - dampening) * g
        return (g + momentum * buffer if nesterov else buffer), buffer

    return _sgd_mistaken(params, grads, momentum_buffers, lr, momentum, dampening, weight_decay, nesterov, direction)


def sgd_step_decoupled_weight_decay(params: list[torch.Tensor], grads: list[torch.Tensor],
                                    momentum_buffers: list[torch.Tensor | None], lr: float, momentum: float = 0.0,
                                    dampening: float = 0.0, weight_decay: float = 0.0,
                                    nesterov: bool = False) -> SgdState:
    """weight_decay * p joins the step after the momentum (AdamW's decoupled decay), not the gradient."""

    def direction(p, g, buffer):
        if momentum != 0:
            buffer = g.clone() if buffer is None else momentum * buffer + (1 - dampening) * g
            g = g + momentum * buffer if nesterov else buffer
        return g + weight_decay * p, buffer

    return _sgd_mistaken(params, grads, momentum_buffers, lr, momentum, dampening, weight_decay, nesterov, direction)


def sgd_step_nesterov_old_buffer(params: list[torch.Tensor], grads: list[torch.Tensor],
                                 momentum_buffers: list[torch.Tensor | None], lr: float, momentum: float = 0.0,
                                 dampening: float = 0.0, weight_decay: float = 0.0,
                                 nesterov: bool = False) -> SgdState:
    """Nesterov looks ahead along the buffer before this step's update (the gradient on the first step)."""

    def direction(p, g, buffer):
        g = g + weight_decay * p
        if momentum == 0:
            return g, buffer
        previous = g if buffer is None else buffer
        buffer = g.clone() if buffer is None else momentum * buffer + (1 - dampening) * g
        return (g + momentum * previous if nesterov else buffer), buffer

    return _sgd_mistaken(params, grads, momentum_buffers, lr, momentum, dampening, weight_decay, nesterov, direction)


# ---------------------------------------------------------------------------------------------------------
# classic mistakes of adam_step

AdamState = tuple[torch.Tensor, torch.Tensor, torch.Tensor]


def _adam_moments(param: torch.Tensor, grad: torch.Tensor, exp_avg: torch.Tensor, exp_avg_sq: torch.Tensor,
                  lr: float, betas: tuple[float, float], eps: float,
                  weight_decay: float) -> tuple[torch.Tensor, torch.Tensor]:
    """Both moments after this step's gradient (L2 decay in it), once torch.optim.Adam's checks pass."""
    beta1, beta2 = betas
    if min(lr, eps, weight_decay) < 0 or not (0.0 <= beta1 < 1.0 and 0.0 <= beta2 < 1.0):
        raise ValueError("torch.optim.Adam refuses these hyperparameters")
    g = grad + weight_decay * param
    return beta1 * exp_avg + (1 - beta1) * g, beta2 * exp_avg_sq + (1 - beta2) * g.square()


def adam_step_eps_inside_sqrt(param: torch.Tensor, grad: torch.Tensor, exp_avg: torch.Tensor,
                              exp_avg_sq: torch.Tensor, step: int, lr: float = 1e-3,
                              betas: tuple[float, float] = (0.9, 0.999), eps: float = 1e-8,
                              weight_decay: float = 0.0) -> AdamState:
    """The step divides by sqrt(v_hat + eps), eps under the root."""
    m, v = _adam_moments(param, grad, exp_avg, exp_avg_sq, lr, betas, eps, weight_decay)
    m_hat, v_hat = m / (1 - betas[0] ** step), v / (1 - betas[1] ** step)
    return param - lr * m_hat / (v_hat + eps).sqrt(), m, v


def adam_step_no_bias_correction(param: torch.Tensor, grad: torch.Tensor, exp_avg: torch.Tensor,
                                 exp_avg_sq: torch.Tensor, step: int, lr: float = 1e-3,
                                 betas: tuple[float, float] = (0.9, 0.999), eps: float = 1e-8,
                                 weight_decay: float = 0.0) -> AdamState:
    """The step is lr * m / (sqrt(v) + eps), the moments used uncorrected."""
    m, v = _adam_moments(param, grad, exp_avg, exp_avg_sq, lr, betas, eps, weight_decay)
    return param - lr * m / (v.sqrt() + eps), m, v


def adam_step_returns_corrected_moments(param: torch.Tensor, grad: torch.Tensor, exp_avg: torch.Tensor,
                                        exp_avg_sq: torch.Tensor, step: int, lr: float = 1e-3,
                                        betas: tuple[float, float] = (0.9, 0.999), eps: float = 1e-8,
                                        weight_decay: float = 0.0) -> AdamState:
    """The right step, but the bias-corrected moments m_hat and v_hat returned as the state."""
    m, v = _adam_moments(param, grad, exp_avg, exp_avg_sq, lr, betas, eps, weight_decay)
    m_hat, v_hat = m / (1 - betas[0] ** step), v / (1 - betas[1] ** step)
    return param - lr * m_hat / (v_hat.sqrt() + eps), m_hat, v_hat


# ---------------------------------------------------------------------------------------------------------
# classic mistakes of early_stopping


def _early_refuses(val_losses: list[float], patience: int, min_delta: float) -> None:
    if patience < 1 or min_delta < 0 or len(val_losses) == 0:
        raise ValueError("early stopping needs patience >= 1, min_delta >= 0 and at least one loss")


def early_stopping_against_previous_epoch(val_losses: list[float], patience: int,
                                          min_delta: float = 0.0) -> tuple[int, int]:
    """An epoch improves when it beats the epoch before it by more than min_delta, not the best loss; the best
    epoch is still the lowest loss seen."""
    _early_refuses(val_losses, patience, min_delta)
    best_epoch, waited = 0, 0
    for epoch in range(1, len(val_losses)):
        if val_losses[epoch - 1] - val_losses[epoch] <= min_delta:
            waited += 1
            if waited == patience:
                return epoch, best_epoch
            continue
        waited = 0
        best_epoch = epoch if val_losses[epoch] < val_losses[best_epoch] else best_epoch
    return len(val_losses) - 1, best_epoch


def _early_stopping_counting(val_losses: list[float], patience: int, min_delta: float,
                             improves: Callable[[float, float], bool], waits: int) -> tuple[int, int]:
    """Stop after ``waits`` epochs in a row without ``improves(best, loss)``."""
    _early_refuses(val_losses, patience, min_delta)
    best_epoch, waited = 0, 0
    for epoch in range(1, len(val_losses)):
        if improves(val_losses[best_epoch], val_losses[epoch]):
            best_epoch, waited = epoch, 0
        else:
            waited += 1
            if waited == waits:
                return epoch, best_epoch
    return len(val_losses) - 1, best_epoch


def early_stopping_one_epoch_late(val_losses: list[float], patience: int, min_delta: float = 0.0) -> tuple[int, int]:
    """Stops after patience + 1 epochs without improvement, one epoch late."""
    return _early_stopping_counting(val_losses, patience, min_delta, lambda best, loss: best - loss > min_delta,
                                    patience + 1)


def early_stopping_tie_improves(val_losses: list[float], patience: int, min_delta: float = 0.0) -> tuple[int, int]:
    """A gain of exactly min_delta (a loss equal to the best, for min_delta 0) counts as an improvement."""
    return _early_stopping_counting(val_losses, patience, min_delta, lambda best, loss: best - loss >= min_delta,
                                    patience)
