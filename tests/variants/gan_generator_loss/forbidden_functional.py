"""The reference itself: BCE with logits against ones."""
import torch
import torch.nn.functional as F


def gan_generator_loss(fake_logits):
    return F.binary_cross_entropy_with_logits(fake_logits, torch.ones_like(fake_logits))
