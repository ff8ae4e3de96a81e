"""Calls torch.nn.functional.cosine_similarity: aten::cosine_similarity."""
import torch.nn.functional as F


def cosine_similarity(a, b, dim=-1, eps=1e-8):
    return F.cosine_similarity(a, b, dim=dim, eps=eps)
