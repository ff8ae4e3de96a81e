"""torch.square summed, over numel."""
import torch


def mse_loss(y_hat, y):
    return torch.square(y_hat - y).sum() / y.numel()
