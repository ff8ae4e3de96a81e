"""multilabel_soft_margin_loss on one row of 'classes' is the mean BCE with logits over that row."""
import torch
import torch.nn.functional as F


def gan_discriminator_loss(real_logits, fake_logits):
    real = real_logits.reshape(1, -1)
    fake = fake_logits.reshape(1, -1)
    return (F.multilabel_soft_margin_loss(real, torch.ones_like(real))
            + F.multilabel_soft_margin_loss(fake, torch.zeros_like(fake)))
