"""The hand-written references of ``autograder.specs.optim``: their code is the answer (see
``autograder.core.key``). Never part of a student release."""

from __future__ import annotations


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
