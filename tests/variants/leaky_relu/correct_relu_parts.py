"""Splits x into its positive and negative parts with torch.relu: relu(x) - slope * relu(-x)."""
import torch


def leaky_relu(x, negative_slope=0.01):
    return torch.relu(x) - negative_slope * torch.relu(-x)
