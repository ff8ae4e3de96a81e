"""Right for a given slope, but defaults to 0.2 (a common choice in GANs) instead of PyTorch's 0.01."""
import torch


def leaky_relu(x, negative_slope=0.2):
    return torch.where(x > 0, x, negative_slope * x)
