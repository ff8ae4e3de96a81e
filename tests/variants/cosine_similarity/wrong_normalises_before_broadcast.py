"""Normalises a and b with their own shapes, then broadcasts: a size-1 dim along `dim` gets the wrong norm."""
import torch.nn.functional as F


def cosine_similarity(a, b, dim=-1, eps=1e-8):
    return (F.normalize(a, dim=dim, eps=eps) * F.normalize(b, dim=dim, eps=eps)).sum(dim)
