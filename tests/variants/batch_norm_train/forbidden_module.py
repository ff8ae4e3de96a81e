"""Loads gamma and beta into a torch.nn.BatchNorm1d / BatchNorm2d in training mode and calls it."""
import torch


def batch_norm_train(x, gamma, beta, eps=1e-5):
    cls = torch.nn.BatchNorm2d if x.dim() == 4 else torch.nn.BatchNorm1d
    layer = cls(x.shape[1], eps=eps, dtype=x.dtype, device=x.device).train()
    with torch.no_grad():
        layer.weight.copy_(gamma)
        layer.bias.copy_(beta)
        return layer(x)
