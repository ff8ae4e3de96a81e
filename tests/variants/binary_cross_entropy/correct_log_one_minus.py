"""log(1 - y_hat) rather than log1p, each log clamped at -100 before it is weighted."""
import torch


def binary_cross_entropy(y_hat, y):
    log_p = torch.clamp(torch.log(y_hat), min=-100)
    log_q = torch.clamp(torch.log(1 - y_hat), min=-100)
    return torch.mean(-(y * log_p + (1 - y) * log_q))
