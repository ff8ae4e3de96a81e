"""Calls torch.optim.adam.adam, the function torch.optim.Adam's step runs, on copies of the state."""
import torch
from torch.optim.adam import adam


def adam_step(param, grad, exp_avg, exp_avg_sq, step, lr=1e-3, betas=(0.9, 0.999), eps=1e-8, weight_decay=0.0):
    p, m, v = param.clone(), exp_avg.clone(), exp_avg_sq.clone()
    adam([p], [grad], [m], [v], [], [torch.tensor(float(step - 1))], amsgrad=False, beta1=betas[0],
         beta2=betas[1], lr=lr, weight_decay=weight_decay, eps=eps, maximize=False)
    return p, m, v
