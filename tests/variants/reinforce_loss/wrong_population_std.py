"""Normalises with the population standard deviation (divided by n, not n - 1)."""
import torch


def reinforce_loss(log_probs, returns, baseline=None, normalize=False):
    adv = returns if baseline is None else returns - baseline
    if normalize:
        if adv.numel() < 2:
            raise ValueError("need two values to normalise")
        adv = (adv - adv.mean()) / (adv.std(unbiased=False) + torch.finfo(torch.float32).eps)
    return -(log_probs * adv).mean()
