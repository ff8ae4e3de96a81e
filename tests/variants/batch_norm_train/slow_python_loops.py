"""Correct, but the mean, the variance and every output are computed one element at a time."""
import math

import torch


def batch_norm_train(x, gamma, beta, eps=1e-5):
    moved = x.transpose(0, 1)
    rows = moved.reshape(x.shape[1], -1)
    out = torch.empty_like(rows)
    for c in range(rows.shape[0]):
        values = [float(rows[c, j]) for j in range(rows.shape[1])]
        mean = sum(values) / len(values)
        var = sum((v - mean) ** 2 for v in values) / len(values)
        scale = float(gamma[c]) / math.sqrt(var + eps)
        for j, v in enumerate(values):
            out[c, j] = (v - mean) * scale + float(beta[c])
    return out.reshape(moved.shape).transpose(0, 1)
