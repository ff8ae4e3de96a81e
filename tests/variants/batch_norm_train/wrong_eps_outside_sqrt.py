"""Adds eps to the standard deviation, sqrt(sigma^2) + eps, instead of to the variance under the root."""


def batch_norm_train(x, gamma, beta, eps=1e-5):
    axes = [0] + list(range(2, x.dim()))
    shape = (1, -1) + (1,) * (x.dim() - 2)
    mean = x.mean(dim=axes, keepdim=True)
    std = ((x - mean) ** 2).mean(dim=axes, keepdim=True).sqrt()
    return (x - mean) / (std + eps) * gamma.reshape(shape) + beta.reshape(shape)
