"""Correct, but every vector is a pure-Python loop over Python floats."""
import math

import torch


def cosine_similarity(a, b, dim=-1, eps=1e-8):
    a, b = torch.broadcast_tensors(a, b)
    dtype = torch.promote_types(a.dtype, b.dtype)
    a = a.movedim(dim, -1)
    b = b.movedim(dim, -1)
    out_shape = a.shape[:-1]
    rows_a = a.reshape(-1, a.shape[-1]).tolist()
    rows_b = b.reshape(-1, b.shape[-1]).tolist()
    out = []
    for ra, rb in zip(rows_a, rows_b):
        na = max(math.sqrt(sum(x * x for x in ra)), eps)
        nb = max(math.sqrt(sum(y * y for y in rb)), eps)
        total = 0.0
        for x, y in zip(ra, rb):
            total += (x / na) * (y / nb)
        out.append(total)
    return torch.tensor(out, dtype=dtype).reshape(out_shape)
