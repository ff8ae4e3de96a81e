"""torch.var_mean with correction=0 (the biased variance) over every axis but the channels."""
import torch


def batch_norm_train(x, gamma, beta, eps=1e-5):
    axes = [0] + list(range(2, x.dim()))
    var, mean = torch.var_mean(x, dim=axes, correction=0, keepdim=True)
    shape = (1, -1) + (1,) * (x.dim() - 2)
    return (x - mean) * torch.rsqrt(var + eps) * gamma.reshape(shape) + beta.reshape(shape)
