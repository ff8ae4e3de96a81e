"""Calls torch.nn.functional.mse_loss under another name."""
import torch.nn.functional as F

squared_error = F.mse_loss


def mse_loss(y_hat, y):
    return squared_error(y_hat, y)
