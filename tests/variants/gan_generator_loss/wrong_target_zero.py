"""BCE(fake, 0): the discriminator's term for the fakes, copied into the generator's loss."""
import torch.nn.functional as F


def gan_generator_loss(fake_logits):
    return F.softplus(fake_logits).mean()
