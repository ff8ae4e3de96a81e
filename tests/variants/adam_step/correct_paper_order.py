"""Correct: Algorithm 1 of the Adam paper as written, the bias-corrected moments computed first."""
import torch


def adam_step(param, grad, exp_avg, exp_avg_sq, step, lr=1e-3, betas=(0.9, 0.999), eps=1e-8, weight_decay=0.0):
    beta1, beta2 = betas
    for value in (lr, eps, weight_decay):
        if value < 0:
            raise ValueError("lr, eps and weight_decay must be >= 0")
    if not (0.0 <= beta1 < 1.0) or not (0.0 <= beta2 < 1.0):
        raise ValueError("betas must lie in [0, 1)")
    g = torch.add(grad, param, alpha=weight_decay)
    m = beta1 * exp_avg + (1 - beta1) * g
    v = beta2 * exp_avg_sq + (1 - beta2) * torch.square(g)
    m_hat = m / (1 - beta1 ** step)
    v_hat = v / (1 - beta2 ** step)
    return param - lr * m_hat / (torch.sqrt(v_hat) + eps), m, v
