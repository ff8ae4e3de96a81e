"""BCE on sigmoid probabilities: PyTorch clamps the log at -100, so a logit past ~17 (float32) gives 100."""
import torch
import torch.nn.functional as F


def gan_discriminator_loss(real_logits, fake_logits):
    real_p, fake_p = torch.sigmoid(real_logits), torch.sigmoid(fake_logits)
    return F.binary_cross_entropy(real_p, torch.ones_like(real_p)) + F.binary_cross_entropy(fake_p,
                                                                                             torch.zeros_like(fake_p))
