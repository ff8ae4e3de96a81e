"""Always reduces the last dimension, whatever dim says."""
import torch


def cosine_similarity(a, b, dim=-1, eps=1e-8):
    a, b = torch.broadcast_tensors(a, b)
    na = a.norm(dim=-1, keepdim=True).clamp_min(eps)
    nb = b.norm(dim=-1, keepdim=True).clamp_min(eps)
    return (a / na * (b / nb)).sum(-1)
