"""ada's basics.py (sample submission, built by examples/build_sample_class.py)."""
from __future__ import annotations


# linear_forward/correct_addmm: torch.addmm on a 2-d view (bias + rows @ W^T in one BLAS call), zeros standing in for a missing bias.
import torch


def linear_forward(x, weight, bias=None):
    if bias is None:
        bias = torch.zeros(weight.shape[0], dtype=x.dtype, device=x.device)
    rows = x.reshape(-1, x.shape[-1])
    return torch.addmm(bias, rows, weight.t()).reshape(*x.shape[:-1], weight.shape[0])


# relu/correct_clamp: clamp with a lower bound of 0.
def relu(x):
    return x.clamp(min=0)


# leaky_relu/correct_clamp_parts: The positive part plus the slope times the negative part, both by clamp.
def leaky_relu(x, negative_slope=0.01):
    return x.clamp(min=0) + negative_slope * x.clamp(max=0)


# elu/correct_clamp_expm1: The positive part plus alpha * expm1 of the negative part; clamping first keeps exp from overflowing.
import torch


def elu(x, alpha=1.0):
    return x.clamp(min=0) + alpha * torch.expm1(x.clamp(max=0))


# sigmoid/correct_masked_branches: Fills the two sign branches separately by boolean indexing, each exponentiating only a non-positive number.
import torch


def sigmoid(x):
    out = torch.empty_like(x)
    positive = x >= 0
    out[positive] = 1 / (1 + torch.exp(-x[positive]))
    e = torch.exp(x[~positive])
    out[~positive] = e / (1 + e)
    return out


# softmax/correct_log_domain: Log-softmax by hand, (x - m) - log(sum(exp(x - m))), then exp: the shift by the max keeps every digit.
import torch


def softmax(x, dim=-1):
    shifted = x - x.max(dim=dim, keepdim=True).values
    return torch.exp(shifted - torch.log(torch.exp(shifted).sum(dim=dim, keepdim=True)))


# mse_loss/correct_dot_product: The flattened difference dotted with itself, divided by the number of elements.
def mse_loss(y_hat, y):
    d = (y_hat - y).reshape(-1)
    return d @ d / d.numel()


# binary_cross_entropy/correct_log_one_minus: log(1 - y_hat) rather than log1p, each log clamped at -100 before it is weighted.
import torch


def binary_cross_entropy(y_hat, y):
    log_p = torch.clamp(torch.log(y_hat), min=-100)
    log_q = torch.clamp(torch.log(1 - y_hat), min=-100)
    return torch.mean(-(y * log_p + (1 - y) * log_q))


# gradient_descent_step/correct_einsum: The gradients by einsum, w and b as one or K columns alike.
import torch


def gradient_descent_step(w, b, x, y, lr):
    residual = torch.einsum("nd,d...->n...", x, w) + b - y
    scale = 2.0 / residual.numel()
    grad_w = scale * torch.einsum("nd,n...->d...", x, residual)
    grad_b = scale * residual.sum(dim=0)
    return w - lr * grad_w, b - lr * grad_b


# batch_norm_train/correct_channels_first: Moves the channels first and flattens each into one row, normalises the rows, and moves them back.
import torch


def batch_norm_train(x, gamma, beta, eps=1e-5):
    moved = x.transpose(0, 1)
    rows = moved.reshape(x.shape[1], -1)
    mean = rows.mean(dim=1, keepdim=True)
    var = ((rows - mean) ** 2).mean(dim=1, keepdim=True)
    out = (rows - mean) / torch.sqrt(var + eps) * gamma[:, None] + beta[:, None]
    return out.reshape(moved.shape).transpose(0, 1)
