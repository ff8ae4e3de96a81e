"""Correct, but computes the update one element at a time in a Python loop."""
import math

import torch


def adam_step(param, grad, exp_avg, exp_avg_sq, step, lr=1e-3, betas=(0.9, 0.999), eps=1e-8, weight_decay=0.0):
    beta1, beta2 = betas
    if lr < 0 or eps < 0 or weight_decay < 0 or not (0 <= beta1 < 1 and 0 <= beta2 < 1):
        raise ValueError("invalid Adam hyperparameters")
    flat_p, flat_g = param.reshape(-1), grad.reshape(-1)
    flat_m, flat_v = exp_avg.reshape(-1), exp_avg_sq.reshape(-1)
    new_p, new_m, new_v = (torch.empty_like(flat_p) for _ in range(3))
    for i in range(flat_p.numel()):
        g = float(flat_g[i]) + weight_decay * float(flat_p[i])
        m = beta1 * float(flat_m[i]) + (1 - beta1) * g
        v = beta2 * float(flat_v[i]) + (1 - beta2) * g * g
        m_hat, v_hat = m / (1 - beta1 ** step), v / (1 - beta2 ** step)
        new_p[i] = float(flat_p[i]) - lr * m_hat / (math.sqrt(v_hat) + eps)
        new_m[i], new_v[i] = m, v
    return new_p.reshape(param.shape), new_m.reshape(param.shape), new_v.reshape(param.shape)
