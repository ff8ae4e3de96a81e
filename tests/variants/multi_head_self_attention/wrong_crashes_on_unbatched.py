"""Assumes a batch: unpacks B, L, E = x.shape, which fails on an unbatched (L, E) input."""
import math

import torch
import torch.nn.functional as F


def multi_head_self_attention(x, num_heads, in_proj_weight, in_proj_bias, out_proj_weight, out_proj_bias,
                              key_padding_mask=None, is_causal=False):
    B, L, E = x.shape
    d = E // num_heads
    q, k, v = F.linear(x, in_proj_weight, in_proj_bias).chunk(3, dim=-1)
    q, k, v = (t.view(B, L, num_heads, d).transpose(1, 2) for t in (q, k, v))
    blocked = torch.zeros(B, 1, L, L, dtype=torch.bool, device=x.device)
    if is_causal:
        blocked = blocked | torch.ones(L, L, dtype=torch.bool, device=x.device).triu(1)
    if key_padding_mask is not None:
        blocked = blocked | key_padding_mask.view(B, 1, 1, L)
    weights = torch.softmax((q @ k.transpose(-2, -1) / math.sqrt(d)).masked_fill(blocked, float("-inf")), dim=-1)
    merged = (weights @ v).transpose(1, 2).reshape(B, L, E)
    return F.linear(merged, out_proj_weight, out_proj_bias)
