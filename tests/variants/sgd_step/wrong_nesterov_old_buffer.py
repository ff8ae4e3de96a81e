"""Nesterov looks ahead along the buffer from before this step's update (and along the gradient on the first
step), where PyTorch uses the updated buffer."""


def sgd_step(params, grads, momentum_buffers, lr, momentum=0.0, dampening=0.0, weight_decay=0.0, nesterov=False):
    if lr < 0 or momentum < 0 or weight_decay < 0 or (nesterov and (momentum <= 0 or dampening != 0)):
        raise ValueError("invalid SGD hyperparameters")
    out_params, out_buffers = [], []
    for p, g, b in zip(params, grads, momentum_buffers):
        g = g + weight_decay * p
        if momentum != 0:
            previous = g if b is None else b
            b = g.clone() if b is None else momentum * b + (1 - dampening) * g
            g = g + momentum * previous if nesterov else b
        out_params.append(p - lr * g)
        out_buffers.append(b)
    return out_params, out_buffers
