"""The dot product first, divided by the product of the two norms, each clamped by eps on its own."""
import torch


def cosine_similarity(a, b, dim=-1, eps=1e-8):
    a, b = torch.broadcast_tensors(a, b)
    dot = (a * b).sum(dim=dim)
    norm_a = (a * a).sum(dim=dim).sqrt().clamp(min=eps)
    norm_b = (b * b).sum(dim=dim).sqrt().clamp(min=eps)
    return dot / (norm_a * norm_b)
