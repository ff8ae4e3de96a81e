"""The gradients by einsum, w and b as one or K columns alike."""
import torch


def gradient_descent_step(w, b, x, y, lr):
    residual = torch.einsum("nd,d...->n...", x, w) + b - y
    scale = 2.0 / residual.numel()
    grad_w = scale * torch.einsum("nd,n...->d...", x, residual)
    grad_b = scale * residual.sum(dim=0)
    return w - lr * grad_w, b - lr * grad_b
