"""One mean over reals and fakes together: half the sum of the means for equal sizes, weighted by size otherwise."""
import torch
import torch.nn.functional as F


def gan_discriminator_loss(real_logits, fake_logits):
    terms = torch.cat([F.softplus(-real_logits).reshape(-1), F.softplus(fake_logits).reshape(-1)])
    return terms.mean()
