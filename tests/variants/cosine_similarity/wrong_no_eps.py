"""No eps at all: a zero vector gives 0 / 0 = NaN."""
import torch


def cosine_similarity(a, b, dim=-1, eps=1e-8):
    a, b = torch.broadcast_tensors(a, b)
    return (a * b).sum(dim) / (a.norm(dim=dim) * b.norm(dim=dim))
