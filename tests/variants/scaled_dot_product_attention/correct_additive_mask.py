"""Turns every mask into an additive float mask (0 or -inf) and adds it; the causal one from triu."""
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
