"""Calls the module torch.nn.ReLU."""
import torch


def relu(x):
    return torch.nn.ReLU()(x)
