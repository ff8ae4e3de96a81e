"""Correct: a patience counter that counts down, improvements tested as loss < best - min_delta."""


def early_stopping(val_losses, patience, min_delta=0.0):
    if patience < 1:
        raise ValueError("patience must be positive")
    if min_delta < 0:
        raise ValueError("min_delta must not be negative")
    if not val_losses:
        raise ValueError("no validation losses")
    best_loss = float("inf")
    best_epoch = 0
    left = patience
    for epoch, loss in enumerate(val_losses):
        if epoch == 0 or loss < best_loss - min_delta:
            best_loss, best_epoch, left = loss, epoch, patience
        else:
            left -= 1
            if left == 0:
                return (epoch, best_epoch)
    return (len(val_losses) - 1, best_epoch)
