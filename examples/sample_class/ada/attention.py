"""ada's attention.py (sample submission, built by examples/build_sample_class.py)."""
from __future__ import annotations


# scaled_dot_product_attention/correct_einsum_where: einsum over any batch dims, masks applied with torch.where, causal mask from an index comparison.
import math

import torch


def scaled_dot_product_attention(query, key, value, attn_mask=None, is_causal=False, scale=None):
    factor = 1.0 / math.sqrt(query.size(-1)) if scale is None else scale
    scores = torch.einsum("...le,...se->...ls", query, key) * factor
    L, S = scores.shape[-2], scores.shape[-1]
    neg_inf = torch.tensor(float("-inf"), dtype=scores.dtype, device=scores.device)
    if is_causal:
        rows = torch.arange(L, device=scores.device).unsqueeze(1)
        cols = torch.arange(S, device=scores.device).unsqueeze(0)
        scores = torch.where(cols <= rows, scores, neg_inf)
    if attn_mask is not None:
        scores = torch.where(attn_mask, scores, neg_inf) if attn_mask.dtype == torch.bool else scores + attn_mask
    weights = torch.softmax(scores, dim=-1)
    return torch.einsum("...ls,...sv->...lv", weights, value)


# multi_head_self_attention/correct_einsum: All in einsum: projections, per-head scores and weighted sums, with the heads as an einsum index.
import math

import torch


def multi_head_self_attention(x, num_heads, in_proj_weight, in_proj_bias, out_proj_weight, out_proj_bias,
                              key_padding_mask=None, is_causal=False):
    unbatched = x.dim() == 2
    if unbatched:
        x = x.unsqueeze(0)
        if key_padding_mask is not None:
            key_padding_mask = key_padding_mask.unsqueeze(0)
    B, L, E = x.shape
    d = E // num_heads
    w = in_proj_weight.reshape(3, num_heads, d, E)  # (q/k/v, head, feature within head, input feature)
    qkv = torch.einsum("ble,thde->tbhld", x, w)
    if in_proj_bias is not None:
        qkv = qkv + in_proj_bias.reshape(3, 1, num_heads, 1, d)
    q, k, v = qkv[0], qkv[1], qkv[2]
    scores = torch.einsum("bhid,bhjd->bhij", q, k) / math.sqrt(d)
    blocked = torch.zeros(B, 1, L, L, dtype=torch.bool, device=x.device)
    if key_padding_mask is not None:
        blocked = blocked | key_padding_mask[:, None, None, :]
    if is_causal:
        blocked = blocked | torch.ones(L, L, dtype=torch.bool, device=x.device).triu(1)
    weights = scores.masked_fill(blocked, float("-inf")).softmax(dim=-1)
    heads = torch.einsum("bhij,bhjd->bhid", weights, v)
    out = torch.einsum("bhid,ehd->bie", heads, out_proj_weight.reshape(E, num_heads, d))
    if out_proj_bias is not None:
        out = out + out_proj_bias
    return out.squeeze(0) if unbatched else out
