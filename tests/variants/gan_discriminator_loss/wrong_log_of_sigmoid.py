"""The formula as written, log of a sigmoid: sigmoid(-1000) is 0 and its log is -inf, so the loss is inf."""
import torch


def gan_discriminator_loss(real_logits, fake_logits):
    real_loss = -torch.log(torch.sigmoid(real_logits)).mean()
    fake_loss = -torch.log(1 - torch.sigmoid(fake_logits)).mean()
    return real_loss + fake_loss
