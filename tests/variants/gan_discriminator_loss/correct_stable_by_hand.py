"""The textbook stable form of BCE with logits, max(x, 0) - x * y + log(1 + exp(-|x|)), written out."""
import torch


def _bce_with_logits(x, y):
    return (torch.clamp(x, min=0) - x * y + torch.log1p(torch.exp(-x.abs()))).mean()


def gan_discriminator_loss(real_logits, fake_logits):
    real_loss = _bce_with_logits(real_logits, torch.ones_like(real_logits))
    fake_loss = _bce_with_logits(fake_logits, torch.zeros_like(fake_logits))
    return real_loss + fake_loss
