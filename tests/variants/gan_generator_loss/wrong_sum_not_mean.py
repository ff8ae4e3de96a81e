"""Sums over the logits instead of averaging: the loss grows with the batch size."""
import torch.nn.functional as F


def gan_generator_loss(fake_logits):
    return F.softplus(-fake_logits).sum()
