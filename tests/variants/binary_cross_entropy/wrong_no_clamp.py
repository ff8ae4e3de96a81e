"""The formula without PyTorch's clamp: log(0) = -inf gives inf, and 0 * -inf gives NaN."""
import torch


def binary_cross_entropy(y_hat, y):
    return -(y * torch.log(y_hat) + (1 - y) * torch.log(1 - y_hat)).mean()
