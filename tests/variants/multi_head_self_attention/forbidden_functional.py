"""Calls torch.nn.functional.multi_head_attention_forward with the weights (sequence-first layout)."""
import torch
import torch.nn.functional as F


def multi_head_self_attention(x, num_heads, in_proj_weight, in_proj_bias, out_proj_weight, out_proj_bias,
                              key_padding_mask=None, is_causal=False):
    L, E = x.shape[-2:]
    seq_first = x.transpose(0, 1) if x.dim() == 3 else x
    mask = torch.ones(L, L, dtype=torch.bool, device=x.device).triu(1) if is_causal else None
    out, _ = F.multi_head_attention_forward(
        seq_first, seq_first, seq_first, E, num_heads, in_proj_weight, in_proj_bias, None, None, False, 0.0,
        out_proj_weight, out_proj_bias, training=False, key_padding_mask=key_padding_mask, need_weights=False,
        attn_mask=mask)
    return out.transpose(0, 1) if x.dim() == 3 else out
