"""softplus(x) = log(e^0 + e^x), with torch.logaddexp; the two means summed with torch.stack."""
import torch


def gan_discriminator_loss(real_logits, fake_logits):
    zero = torch.zeros((), dtype=real_logits.dtype, device=real_logits.device)
    real_loss = torch.logaddexp(zero, -real_logits).mean()
    fake_loss = torch.logaddexp(zero, fake_logits).mean()
    return torch.stack([real_loss, fake_loss]).sum()
