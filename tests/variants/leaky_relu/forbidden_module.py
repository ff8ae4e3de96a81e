"""Calls the module torch.nn.LeakyReLU."""
import torch


def leaky_relu(x, negative_slope=0.01):
    return torch.nn.LeakyReLU(negative_slope)(x)
