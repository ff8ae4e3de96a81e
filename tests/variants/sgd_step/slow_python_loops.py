"""Correct, but updates every element of every tensor in a Python loop."""
import torch


def sgd_step(params, grads, momentum_buffers, lr, momentum=0.0, dampening=0.0, weight_decay=0.0, nesterov=False):
    if lr < 0 or momentum < 0 or weight_decay < 0 or (nesterov and (momentum <= 0 or dampening != 0)):
        raise ValueError("invalid SGD hyperparameters")
    out_params, out_buffers = [], []
    for p, g, b in zip(params, grads, momentum_buffers):
        new_p = p.clone().reshape(-1)
        new_b = None if momentum == 0 else torch.empty_like(new_p)
        flat_p, flat_g = p.reshape(-1), g.reshape(-1)
        flat_b = None if b is None else b.reshape(-1)
        for i in range(new_p.numel()):
            d = flat_g[i] + weight_decay * flat_p[i]
            if new_b is not None:
                new_b[i] = d if flat_b is None else momentum * flat_b[i] + (1 - dampening) * d
                d = d + momentum * new_b[i] if nesterov else new_b[i]
            new_p[i] = flat_p[i] - lr * d
        out_params.append(new_p.reshape(p.shape))
        out_buffers.append(None if new_b is None else new_b.reshape(p.shape))
    return out_params, out_buffers
