"""The original minimax loss, mean log(1 - sigmoid(fake)) (written stably), instead of the non-saturating one."""
import torch.nn.functional as F


def gan_generator_loss(fake_logits):
    return -F.softplus(fake_logits).mean()
