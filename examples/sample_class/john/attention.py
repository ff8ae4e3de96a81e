"""john's attention.py (sample submission, built by examples/build_sample_class.py)."""
from __future__ import annotations


# scaled_dot_product_attention/slow_python_loops: Correct, but every output element is computed with pure-Python loops over Python floats.
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


# multi_head_self_attention/forbidden_module: Loads the weights into an nn.MultiheadAttention and runs it.
import torch
from torch import nn


def multi_head_self_attention(x, num_heads, in_proj_weight, in_proj_bias, out_proj_weight, out_proj_bias,
                              key_padding_mask=None, is_causal=False):
    E = x.shape[-1]
    mha = nn.MultiheadAttention(E, num_heads, batch_first=True, dtype=x.dtype, device=x.device).eval()
    with torch.no_grad():
        mha.in_proj_weight.copy_(in_proj_weight)
        mha.out_proj.weight.copy_(out_proj_weight)
        mha.in_proj_bias.copy_(in_proj_bias if in_proj_bias is not None else torch.zeros_like(mha.in_proj_bias))
        mha.out_proj.bias.copy_(out_proj_bias if out_proj_bias is not None else torch.zeros_like(mha.out_proj.bias))
        L = x.shape[-2]
        mask = torch.ones(L, L, dtype=torch.bool, device=x.device).triu(1) if is_causal else None
        return mha(x, x, x, key_padding_mask=key_padding_mask, attn_mask=mask, need_weights=False)[0]
