"""torch.celu, which is ELU with exp(x / alpha): the same numbers at alpha = 1, and an ELU underneath."""
import torch


def elu(x, alpha=1.0):
    if alpha == 1.0:
        return torch.celu(x)
    return torch.where(x > 0, x, alpha * torch.expm1(x))
