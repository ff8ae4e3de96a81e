"""Calls torch.ops.aten.mse_loss directly (reduction 1 is "mean")."""
import torch


def mse_loss(y_hat, y):
    return torch.ops.aten.mse_loss(y_hat, y, 1)
