"""Turns the probabilities back into logits and calls binary_cross_entropy_with_logits."""
import torch
import torch.nn.functional as F


def binary_cross_entropy(y_hat, y):
    return F.binary_cross_entropy_with_logits(torch.logit(y_hat), y)
