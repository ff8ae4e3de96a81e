"""Correct: copies every parameter and buffer, then updates the copies in place with add_ and mul_, as the
optimiser itself does."""
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
