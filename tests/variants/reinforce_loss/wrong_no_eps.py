"""Divides by the standard deviation alone: equal returns give 0 / 0 = NaN."""
import torch


def reinforce_loss(log_probs, returns, baseline=None, normalize=False):
    adv = returns if baseline is None else returns - baseline
    if normalize:
        if adv.numel() < 2:
            raise ValueError("need two values to normalise")
        adv = (adv - adv.mean()) / adv.std()
    return -(log_probs * adv).mean()
