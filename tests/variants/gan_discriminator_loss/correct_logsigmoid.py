"""-log sigmoid(x) and -log(1 - sigmoid(x)) = -log sigmoid(-x), both through logsigmoid."""
import torch.nn.functional as F


def gan_discriminator_loss(real_logits, fake_logits):
    return -F.logsigmoid(real_logits).mean() - F.logsigmoid(-fake_logits).mean()
