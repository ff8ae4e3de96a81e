"""Correct, but pure-Python loops over every value of every slice, one element at a time."""
import math

import torch


def softmax(x, dim=-1):
    moved = x.movedim(dim, -1)
    rows = moved.reshape(-1, moved.shape[-1])
    out = torch.empty_like(rows)
    for r in range(rows.shape[0]):
        values = [float(rows[r, j]) for j in range(rows.shape[1])]
        m = max(values)
        exps = [math.exp(v - m) for v in values]
        total = sum(exps)
        for j, e in enumerate(exps):
            out[r, j] = e / total
    return out.reshape(moved.shape).movedim(-1, dim)
