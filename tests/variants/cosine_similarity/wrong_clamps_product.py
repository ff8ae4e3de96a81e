"""PyTorch's formula before 2.0: eps clamps the product of the squared norms, w12 / sqrt(max(w1 * w2, eps^2)).

Wrong for a vector shorter than eps next to a long one, and for a large eps."""
import torch


def cosine_similarity(a, b, dim=-1, eps=1e-8):
    a, b = torch.broadcast_tensors(a, b)
    w12 = (a * b).sum(dim)
    w1 = (a * a).sum(dim)
    w2 = (b * b).sum(dim)
    return w12 / (w1 * w2).clamp_min(eps * eps).sqrt()
