"""Correct, but squares and adds the entries one by one in a Python loop."""
import torch


def l2_penalty(params, weight_decay):
    total = 0.0
    for p in params:
        flat = p.reshape(-1)
        for i in range(flat.numel()):
            total += float(flat[i]) ** 2
    return torch.tensor(weight_decay / 2 * total, dtype=params[0].dtype, device=params[0].device)
