"""Builds an nn.MaxPool2d and runs it."""
from torch import nn


def max_pool2d(x, kernel_size, stride=None, padding=0):
    return nn.MaxPool2d(kernel_size, stride=stride, padding=padding)(x)
