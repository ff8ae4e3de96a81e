"""Calls the math backend of PyTorch's attention directly: aten::_scaled_dot_product_attention_math.

The backend expects the float mask that the public function makes of a boolean one, so it converts first.
"""
import torch


def scaled_dot_product_attention(query, key, value, attn_mask=None, is_causal=False, scale=None):
    if attn_mask is not None and attn_mask.dtype == torch.bool:
        attn_mask = torch.zeros(attn_mask.shape, dtype=query.dtype, device=query.device).masked_fill(
            ~attn_mask, float("-inf"))
    out, _weights = torch.ops.aten._scaled_dot_product_attention_math(query, key, value, attn_mask, 0.0, is_causal,
                                                                      scale=scale)
    return out
