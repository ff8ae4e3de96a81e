"""Calls PyTorch's binary cross-entropy for the reconstruction term: the reference's own operator."""
import torch
from torch.nn import functional as F


def vae_loss(x_recon, x, mu, logvar):
    bce = F.binary_cross_entropy(x_recon, x, reduction="sum")
    return bce - 0.5 * torch.sum(1 + logvar - mu.pow(2) - logvar.exp())
