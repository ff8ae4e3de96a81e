"""Builds a torch.optim.SGD over copies of the parameters and runs its step: the reference itself."""
import torch


def sgd_step(params, grads, momentum_buffers, lr, momentum=0.0, dampening=0.0, weight_decay=0.0, nesterov=False):
    leaves = [p.detach().clone() for p in params]
    for leaf, g in zip(leaves, grads):
        leaf.grad = g.clone()
    opt = torch.optim.SGD(leaves, lr=lr, momentum=momentum, dampening=dampening, weight_decay=weight_decay,
                          nesterov=nesterov)
    for leaf, b in zip(leaves, momentum_buffers):
        if b is not None:
            opt.state[leaf]["momentum_buffer"] = b.clone()
    opt.step()
    return leaves, [opt.state[leaf].get("momentum_buffer") for leaf in leaves]
