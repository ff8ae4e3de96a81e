"""Correct, but every output element is computed with pure-Python loops over Python floats."""
import math

import torch


def scaled_dot_product_attention(query, key, value, attn_mask=None, is_causal=False, scale=None):
    *batch, L, E = query.shape
    S, Ev = key.shape[-2], value.shape[-1]
    factor = 1.0 / math.sqrt(E) if scale is None else scale
    q = query.reshape(-1, L, E).tolist()
    k = key.reshape(-1, S, E).tolist()
    v = value.reshape(-1, S, Ev).tolist()
    mask = None
    if attn_mask is not None:
        mask = torch.broadcast_to(attn_mask, (*batch, L, S)).reshape(-1, L, S).tolist()
    out = []
    for b in range(len(q)):
        rows = []
        for i in range(L):
            scores = []
            for j in range(S):
                s = 0.0
                for e in range(E):
                    s += q[b][i][e] * k[b][j][e]
                s *= factor
                if is_causal and j > i:
                    s = -math.inf
                if mask is not None:
                    m = mask[b][i][j]
                    if isinstance(m, bool):
                        s = s if m else -math.inf
                    else:
                        s += m
                scores.append(s)
            top = max(scores)
            exps = [math.exp(s - top) for s in scores]
            total = sum(exps)
            row = []
            for c in range(Ev):
                acc = 0.0
                for j in range(S):
                    acc += exps[j] * v[b][j][c]
                row.append(acc / total)
            rows.append(row)
        out.append(rows)
    return torch.tensor(out, dtype=query.dtype, device=query.device).reshape(*batch, L, Ev)
