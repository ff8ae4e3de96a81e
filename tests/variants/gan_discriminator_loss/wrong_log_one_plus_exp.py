"""softplus as log(1 + exp(x)): exp overflows to inf for a large logit (1000, or 100 in float32)."""
import torch


def gan_discriminator_loss(real_logits, fake_logits):
    return torch.log(1 + torch.exp(-real_logits)).mean() + torch.log(1 + torch.exp(fake_logits)).mean()
