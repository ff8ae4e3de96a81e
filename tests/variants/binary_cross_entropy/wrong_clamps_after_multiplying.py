"""Clamps each weighted term instead of each log: 0 * log(0) is already NaN, and 0.3 * log(0) becomes -100."""
import torch


def binary_cross_entropy(y_hat, y):
    positive = (y * torch.log(y_hat)).clamp(min=-100)
    negative = ((1 - y) * torch.log(1 - y_hat)).clamp(min=-100)
    return -(positive + negative).mean()
