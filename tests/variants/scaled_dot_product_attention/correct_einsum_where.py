"""einsum over any batch dims, masks applied with torch.where, causal mask from an index comparison."""
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
