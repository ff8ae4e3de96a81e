"""Written for (B, L, E) only: torch.bmm and key.transpose(1, 2) fail for 2-d and 4-d inputs."""
import math

import torch


def scaled_dot_product_attention(query, key, value, attn_mask=None, is_causal=False, scale=None):
    if scale is None:
        scale = 1 / math.sqrt(query.shape[-1])
    scores = torch.bmm(query, key.transpose(1, 2)) * scale
    L, S = scores.shape[-2:]
    if is_causal:
        scores = scores.masked_fill(~torch.ones(L, S, dtype=torch.bool, device=scores.device).tril(), float("-inf"))
    if attn_mask is not None:
        scores = scores.masked_fill(~attn_mask, float("-inf")) if attn_mask.dtype == torch.bool else scores + attn_mask
    return torch.bmm(torch.softmax(scores, dim=-1), value)
