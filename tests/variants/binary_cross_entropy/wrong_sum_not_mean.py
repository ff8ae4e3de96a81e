"""Sums over the elements instead of averaging them."""
import torch


def binary_cross_entropy(y_hat, y):
    log_p = torch.log(y_hat).clamp(min=-100)
    log_q = torch.log(1 - y_hat).clamp(min=-100)
    return -(y * log_p + (1 - y) * log_q).sum()
