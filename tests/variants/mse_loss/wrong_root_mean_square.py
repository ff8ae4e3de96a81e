"""Returns the root of the mean squared error (RMSE)."""
import torch


def mse_loss(y_hat, y):
    return torch.sqrt(((y_hat - y) ** 2).mean())
