"""Loads the weights into an nn.MultiheadAttention and runs it."""
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
