"""soft_margin_loss(x, y) = mean log(1 + exp(-y x)): with y = +1 and y = -1 it is the same loss in one call."""
import torch
import torch.nn.functional as F


def gan_discriminator_loss(real_logits, fake_logits):
    return (F.soft_margin_loss(real_logits, torch.ones_like(real_logits))
            + F.soft_margin_loss(fake_logits, -torch.ones_like(fake_logits)))
