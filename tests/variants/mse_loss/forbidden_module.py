"""Calls the module torch.nn.MSELoss."""
import torch


def mse_loss(y_hat, y):
    return torch.nn.MSELoss()(y_hat, y)
