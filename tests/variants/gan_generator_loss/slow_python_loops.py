"""Correct and stable, but a Python loop over every logit, reading the tensor one element at a time."""
import math

import torch


def gan_generator_loss(fake_logits):
    flat = fake_logits.reshape(-1)
    total = 0.0
    for i in range(flat.shape[0]):
        x = float(flat[i])
        total += max(-x, 0.0) + math.log1p(math.exp(-abs(x)))
    return torch.tensor(total / flat.shape[0], dtype=fake_logits.dtype, device=fake_logits.device)
