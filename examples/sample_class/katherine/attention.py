"""katherine's attention.py (sample submission, built by examples/build_sample_class.py)."""
from __future__ import annotations


# scaled_dot_product_attention/wrong_causal_bottom_right: Aligns the causal mask at the bottom-right corner (query i sees keys j <= i + S - L): right only when L == S.
import math

import torch


def scaled_dot_product_attention(query, key, value, attn_mask=None, is_causal=False, scale=None):
    if scale is None:
        scale = 1 / math.sqrt(query.shape[-1])
    scores = query @ key.transpose(-2, -1) * scale
    L, S = scores.shape[-2:]
    if is_causal:
        allowed = torch.ones(L, S, dtype=torch.bool, device=scores.device).tril(diagonal=S - L)
        scores = scores.masked_fill(~allowed, float("-inf"))
    if attn_mask is not None:
        scores = scores.masked_fill(~attn_mask, float("-inf")) if attn_mask.dtype == torch.bool else scores + attn_mask
    return torch.softmax(scores, dim=-1) @ value


# multi_head_self_attention/correct_loop_over_heads: Explicit loop over the heads: each head slices its own rows of W_q, W_k, W_v; results concatenated.
import math

import torch


def multi_head_self_attention(x, num_heads, in_proj_weight, in_proj_bias, out_proj_weight, out_proj_bias,
                              key_padding_mask=None, is_causal=False):
    L, E = x.shape[-2], x.shape[-1]
    d = E // num_heads
    bias = in_proj_bias if in_proj_bias is not None else torch.zeros(3 * E, dtype=x.dtype, device=x.device)
    blocked = torch.zeros(L, L, dtype=torch.bool, device=x.device)
    if is_causal:
        blocked = blocked | (torch.arange(L, device=x.device)[None, :] > torch.arange(L, device=x.device)[:, None])
    if key_padding_mask is not None:
        blocked = blocked | key_padding_mask.unsqueeze(-2)  # (..., 1, S): hides keys from every query
    outputs = []
    for h in range(num_heads):
        rows = slice(h * d, (h + 1) * d)
        q = x @ in_proj_weight[rows].T + bias[rows]
        k = x @ in_proj_weight[E:][rows].T + bias[E:][rows]
        v = x @ in_proj_weight[2 * E:][rows].T + bias[2 * E:][rows]
        scores = (q @ k.transpose(-1, -2)) / math.sqrt(d)
        weights = torch.softmax(scores.masked_fill(blocked, float("-inf")), dim=-1)
        outputs.append(weights @ v)
    out = torch.cat(outputs, dim=-1) @ out_proj_weight.T
    return out if out_proj_bias is None else out + out_proj_bias
