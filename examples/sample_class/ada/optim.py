"""ada's optim.py (sample submission, built by examples/build_sample_class.py)."""
from __future__ import annotations


# sgd_step/correct_in_place_on_copies: Correct: copies every parameter and buffer, then updates the copies in place with add_ and mul_, as the
import torch


def sgd_step(params, grads, momentum_buffers, lr, momentum=0.0, dampening=0.0, weight_decay=0.0, nesterov=False):
    if min(lr, momentum, weight_decay) < 0:
        raise ValueError("negative hyperparameter")
    if nesterov and not (momentum > 0 and dampening == 0):
        raise ValueError("nesterov needs momentum and zero dampening")
    new_params, new_buffers = [], []
    for i, param in enumerate(params):
        d_p = grads[i].clone()
        if weight_decay != 0:
            d_p.add_(param, alpha=weight_decay)
        buf = momentum_buffers[i]
        if momentum != 0:
            if buf is None:
                buf = d_p.clone()
            else:
                buf = buf.clone().mul_(momentum).add_(d_p, alpha=1 - dampening)
            d_p = d_p.add(buf, alpha=momentum) if nesterov else buf
        new_params.append(param.clone().add_(d_p, alpha=-lr))
        new_buffers.append(buf)
    return new_params, new_buffers


# adam_step/correct_paper_order: Correct: Algorithm 1 of the Adam paper as written, the bias-corrected moments computed first.
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


# early_stopping/correct_countdown: Correct: a patience counter that counts down, improvements tested as loss < best - min_delta.
def early_stopping(val_losses, patience, min_delta=0.0):
    if patience < 1:
        raise ValueError("patience must be positive")
    if min_delta < 0:
        raise ValueError("min_delta must not be negative")
    if not val_losses:
        raise ValueError("no validation losses")
    best_loss = float("inf")
    best_epoch = 0
    left = patience
    for epoch, loss in enumerate(val_losses):
        if epoch == 0 or loss < best_loss - min_delta:
            best_loss, best_epoch, left = loss, epoch, patience
        else:
            left -= 1
            if left == 0:
                return (epoch, best_epoch)
    return (len(val_losses) - 1, best_epoch)
