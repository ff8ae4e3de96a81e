"""Labels swapped: reals scored against 0 and fakes against 1 (the generator's wish, not the discriminator's)."""
import torch.nn.functional as F


def gan_discriminator_loss(real_logits, fake_logits):
    return F.softplus(real_logits).mean() + F.softplus(-fake_logits).mean()
