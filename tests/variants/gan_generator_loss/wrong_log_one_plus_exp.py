"""softplus(-x) as log(1 + exp(-x)): exp(1000) overflows to inf."""
import torch


def gan_generator_loss(fake_logits):
    return torch.log(1 + torch.exp(-fake_logits)).mean()
