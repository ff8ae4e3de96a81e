"""Counts a loss equal to the best (best - loss >= min_delta) as an improvement."""


def early_stopping(val_losses, patience, min_delta=0.0):
    if patience < 1 or min_delta < 0 or not val_losses:
        raise ValueError("invalid arguments")
    best, best_epoch, waited = val_losses[0], 0, 0
    for epoch in range(1, len(val_losses)):
        if best - val_losses[epoch] >= min_delta:
            best, best_epoch, waited = val_losses[epoch], epoch, 0
        else:
            waited += 1
            if waited == patience:
                return epoch, best_epoch
    return len(val_losses) - 1, best_epoch
