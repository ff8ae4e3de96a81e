"""PyTorch's BCE with logits, the reference itself, through torch.nn.functional."""
import torch
from torch.nn import functional as nnf


def gan_discriminator_loss(real_logits, fake_logits):
    bce = nnf.binary_cross_entropy_with_logits
    return bce(real_logits, torch.ones_like(real_logits)) + bce(fake_logits, torch.zeros_like(fake_logits))
