"""Correct and stable, but a Python loop over every logit, reading the tensors one element at a time."""
import math

import torch


def _softplus(x):
    return max(x, 0.0) + math.log1p(math.exp(-abs(x)))


def gan_discriminator_loss(real_logits, fake_logits):
    real = real_logits.reshape(-1)
    fake = fake_logits.reshape(-1)
    real_total = 0.0
    for i in range(real.shape[0]):
        real_total += _softplus(-float(real[i]))
    fake_total = 0.0
    for i in range(fake.shape[0]):
        fake_total += _softplus(float(fake[i]))
    loss = real_total / real.shape[0] + fake_total / fake.shape[0]
    return torch.tensor(loss, dtype=real_logits.dtype, device=real_logits.device)
