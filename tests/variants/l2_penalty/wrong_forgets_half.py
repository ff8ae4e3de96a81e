"""Forgets the 1/2: weight_decay times the sum of squares, whose gradient is 2 * weight_decay * p."""
import torch


def l2_penalty(params, weight_decay):
    return weight_decay * torch.stack([p.pow(2).sum() for p in params]).sum()
