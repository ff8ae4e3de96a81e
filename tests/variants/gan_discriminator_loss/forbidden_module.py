"""nn.BCEWithLogitsLoss, the module form of the reference."""
import torch
from torch import nn


def gan_discriminator_loss(real_logits, fake_logits):
    criterion = nn.BCEWithLogitsLoss()
    return criterion(real_logits, torch.ones_like(real_logits)) + criterion(fake_logits, torch.zeros_like(fake_logits))
