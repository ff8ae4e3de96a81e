"""Normalises the returns first, then subtracts the baseline (the docstring's order is the reverse)."""
import torch


def reinforce_loss(log_probs, returns, baseline=None, normalize=False):
    adv = returns
    if normalize:
        if adv.numel() < 2:
            raise ValueError("need two values to normalise")
        adv = (adv - adv.mean()) / (adv.std() + torch.finfo(torch.float32).eps)
    if baseline is not None:
        adv = adv - baseline
    return -(log_probs * adv).mean()
