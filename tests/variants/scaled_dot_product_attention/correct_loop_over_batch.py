"""Flattens the batch dims, loops over every (L, E) matrix with 2-d ops, and stacks the results back."""
import math

import torch


def scaled_dot_product_attention(query, key, value, attn_mask=None, is_causal=False, scale=None):
    *batch, L, E = query.shape
    S, Ev = key.shape[-2], value.shape[-1]
    if scale is None:
        scale = 1 / math.sqrt(E)
    q = query.reshape(-1, L, E)
    k = key.reshape(-1, S, E)
    v = value.reshape(-1, S, Ev)
    mask = None
    if attn_mask is not None:
        mask = torch.broadcast_to(attn_mask, (*batch, L, S)).reshape(-1, L, S)
    outs = []
    for b in range(q.shape[0]):
        s = torch.mm(q[b], k[b].t()) * scale
        if is_causal:
            s = s.masked_fill(torch.triu(torch.ones(L, S, dtype=torch.bool, device=s.device), diagonal=1),
                              float("-inf"))
        if mask is not None:
            s = s.masked_fill(mask[b].logical_not(), float("-inf")) if mask.dtype == torch.bool else s + mask[b]
        outs.append(torch.mm(torch.softmax(s, dim=1), v[b]))
    return torch.stack(outs).reshape(*batch, L, Ev)
