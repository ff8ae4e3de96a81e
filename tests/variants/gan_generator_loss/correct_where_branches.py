"""softplus(-x) by cases, each branch exp of a non-positive number: -x + log1p(e^x) for x < 0, log1p(e^-x) else."""
import torch


def gan_generator_loss(fake_logits):
    x = fake_logits
    negative = x < 0
    safe = torch.where(negative, x, -x)  # always <= 0: exp cannot overflow
    terms = torch.log1p(torch.exp(safe)) + torch.where(negative, -x, torch.zeros_like(x))
    return terms.sum() / x.numel()
