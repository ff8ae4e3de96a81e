"""grace's attention.py (sample submission, built by examples/build_sample_class.py)."""
from __future__ import annotations


# scaled_dot_product_attention/correct_additive_mask: Turns every mask into an additive float mask (0 or -inf) and adds it; the causal one from triu.
import math

import torch


def scaled_dot_product_attention(query, key, value, attn_mask=None, is_causal=False, scale=None):
    L, S = query.size(-2), key.size(-2)
    bias = torch.zeros(L, S, dtype=query.dtype, device=query.device)
    if is_causal:
        bias = bias + torch.full((L, S), float("-inf"), dtype=query.dtype, device=query.device).triu(1)
    if attn_mask is not None:
        if attn_mask.dtype == torch.bool:
            bias = bias + torch.zeros_like(attn_mask, dtype=query.dtype).masked_fill(~attn_mask, float("-inf"))
        else:
            bias = bias + attn_mask
    factor = scale if scale is not None else 1 / math.sqrt(query.size(-1))
    logits = torch.matmul(query * factor, key.mT) + bias
    return torch.matmul(logits.softmax(dim=-1), value)


# multi_head_self_attention/wrong_no_out_projection: Forgets the output projection: returns the merged heads.
import math

import torch
import torch.nn.functional as F


def multi_head_self_attention(x, num_heads, in_proj_weight, in_proj_bias, out_proj_weight, out_proj_bias,
                              key_padding_mask=None, is_causal=False):
    L, E = x.shape[-2:]
    d = E // num_heads
    q, k, v = F.linear(x, in_proj_weight, in_proj_bias).chunk(3, dim=-1)
    q, k, v = (t.unflatten(-1, (num_heads, d)).transpose(-3, -2) for t in (q, k, v))
    blocked = torch.zeros(L, L, dtype=torch.bool, device=x.device)
    if is_causal:
        blocked = blocked | torch.ones(L, L, dtype=torch.bool, device=x.device).triu(1)
    if key_padding_mask is not None:
        blocked = blocked | key_padding_mask[..., None, None, :]
    weights = torch.softmax((q @ k.transpose(-2, -1) / math.sqrt(d)).masked_fill(blocked, float("-inf")), dim=-1)
    heads = weights @ v
    merged = heads.transpose(-3, -2).flatten(-2)
    return merged
