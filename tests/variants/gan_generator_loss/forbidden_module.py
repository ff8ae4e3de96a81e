"""nn.BCEWithLogitsLoss, the module form of the reference."""
import torch
from torch import nn


def gan_generator_loss(fake_logits):
    return nn.BCEWithLogitsLoss(reduction="mean")(fake_logits, torch.ones_like(fake_logits))
