"""Attention (solutions)."""

from __future__ import annotations

import math

import torch
import torch.nn.functional as F
from torch import Tensor


def scaled_dot_product_attention(query: Tensor, key: Tensor, value: Tensor, attn_mask: Tensor | None = None,
                                 is_causal: bool = False, scale: float | None = None) -> Tensor:
    """softmax(query @ key^T * scale + mask) @ value over any leading batch dimensions."""
    if scale is None:
        scale = 1 / math.sqrt(query.shape[-1])
    # transpose(-2, -1) swaps only the matrix dims, whatever number of batch dims lead
    scores = query @ key.transpose(-2, -1) * scale
    L, S = scores.shape[-2:]
    if is_causal:
        # top-left aligned: query i sees keys 0..i, also when L != S
        allowed = torch.ones(L, S, dtype=torch.bool, device=scores.device).tril()
        scores = scores.masked_fill(~allowed, float("-inf"))
    if attn_mask is not None:
        if attn_mask.dtype == torch.bool:
            scores = scores.masked_fill(~attn_mask, float("-inf"))
        else:
            scores = scores + attn_mask
    return torch.softmax(scores, dim=-1) @ value


def multi_head_self_attention(x: Tensor, num_heads: int, in_proj_weight: Tensor, in_proj_bias: Tensor | None,
                              out_proj_weight: Tensor, out_proj_bias: Tensor | None,
                              key_padding_mask: Tensor | None = None, is_causal: bool = False) -> Tensor:
    """``nn.MultiheadAttention(E, num_heads, batch_first=True)(x, x, x)[0]`` with the given weights."""
    L, E = x.shape[-2:]
    head_dim = E // num_heads
    q, k, v = F.linear(x, in_proj_weight, in_proj_bias).chunk(3, dim=-1)

    def split(t: Tensor) -> Tensor:
        # (..., L, E) -> (..., L, heads, d) -> (..., heads, L, d): a head owns d consecutive features
        return t.unflatten(-1, (num_heads, head_dim)).transpose(-3, -2)

    allowed = None
    if key_padding_mask is not None:
        # (..., S) -> (..., 1, 1, S): the same keys are hidden from every head and every query
        allowed = ~key_padding_mask.unsqueeze(-2).unsqueeze(-2)
    if is_causal:
        causal = torch.ones(L, L, dtype=torch.bool, device=x.device).tril()
        allowed = causal if allowed is None else allowed & causal
    heads = scaled_dot_product_attention(split(q), split(k), split(v), attn_mask=allowed)
    merged = heads.transpose(-3, -2).flatten(-2)
    return F.linear(merged, out_proj_weight, out_proj_bias)
