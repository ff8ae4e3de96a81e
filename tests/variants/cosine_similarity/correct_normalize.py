"""Broadcast first, then F.normalize (x / max(|x|, eps)) each side and sum the products."""
import torch
import torch.nn.functional as F


def cosine_similarity(a, b, dim=-1, eps=1e-8):
    a, b = torch.broadcast_tensors(a, b)
    return (F.normalize(a, p=2.0, dim=dim, eps=eps) * F.normalize(b, p=2.0, dim=dim, eps=eps)).sum(dim)
