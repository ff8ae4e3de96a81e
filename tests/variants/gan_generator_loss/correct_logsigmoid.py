"""-mean log sigmoid(fake) through logsigmoid, which is stable for any logit."""
import torch.nn.functional as F


def gan_generator_loss(fake_logits):
    return -F.logsigmoid(fake_logits).mean()
