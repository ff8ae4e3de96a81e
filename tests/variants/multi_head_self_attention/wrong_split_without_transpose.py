"""Splits the heads with a plain reshape (B, L, E) -> (B, heads, L, d), mixing positions and features."""
import math

import torch
import torch.nn.functional as F


def multi_head_self_attention(x, num_heads, in_proj_weight, in_proj_bias, out_proj_weight, out_proj_bias,
                              key_padding_mask=None, is_causal=False):
    L, E = x.shape[-2:]
    d = E // num_heads
    q, k, v = F.linear(x, in_proj_weight, in_proj_bias).chunk(3, dim=-1)
    q, k, v = (t.reshape(*t.shape[:-2], num_heads, L, d) for t in (q, k, v))
    blocked = torch.zeros(L, L, dtype=torch.bool, device=x.device)
    if is_causal:
        blocked = blocked | torch.ones(L, L, dtype=torch.bool, device=x.device).triu(1)
    if key_padding_mask is not None:
        blocked = blocked | key_padding_mask[..., None, None, :]
    weights = torch.softmax((q @ k.transpose(-2, -1) / math.sqrt(d)).masked_fill(blocked, float("-inf")), dim=-1)
    heads = weights @ v
    merged = heads.reshape(*heads.shape[:-3], L, E)
    return F.linear(merged, out_proj_weight, out_proj_bias)
