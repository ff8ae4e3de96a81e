"""Pairs y with log(1 - y_hat) and 1 - y with log(y_hat)."""
import torch


def binary_cross_entropy(y_hat, y):
    log_p = torch.log(y_hat).clamp(min=-100)
    log_q = torch.log(1 - y_hat).clamp(min=-100)
    return -(y * log_q + (1 - y) * log_p).mean()
