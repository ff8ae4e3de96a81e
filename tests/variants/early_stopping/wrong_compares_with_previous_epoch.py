"""Measures each epoch's gain against the epoch before it, not against the best loss so far."""


def early_stopping(val_losses, patience, min_delta=0.0):
    if patience < 1 or min_delta < 0 or not val_losses:
        raise ValueError("invalid arguments")
    best_epoch, waited = 0, 0
    for epoch in range(1, len(val_losses)):
        if val_losses[epoch - 1] - val_losses[epoch] > min_delta:
            waited = 0
            if val_losses[epoch] < val_losses[best_epoch]:
                best_epoch = epoch
        else:
            waited += 1
            if waited == patience:
                return epoch, best_epoch
    return len(val_losses) - 1, best_epoch
