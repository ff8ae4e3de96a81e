"""soft_margin_loss with targets +1 is mean log(1 + exp(-x)), the generator's loss in one call."""
import torch
import torch.nn.functional as F


def gan_generator_loss(fake_logits):
    return F.soft_margin_loss(fake_logits, torch.ones_like(fake_logits))
