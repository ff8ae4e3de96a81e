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


def sinusoidal_positional_encoding(seq_len: int, d_model: int) -> Tensor:
    """PE[pos, 2i] = sin(pos / 10000^(2i / d_model)), PE[pos, 2i + 1] = cos(the same), as float32."""
    # float64 angles, rounded once at the end: float32 ones lose about pos * 6e-8 to rounding
    position = torch.arange(seq_len, dtype=torch.float64).unsqueeze(1)
    even = torch.arange(0, d_model, 2, dtype=torch.float64)
    angles = position / 10000.0 ** (even / d_model)
    pe = torch.empty(seq_len, d_model, dtype=torch.float64)
    pe[:, 0::2] = torch.sin(angles)
    # an odd d_model has one sine column more than cosine columns
    pe[:, 1::2] = torch.cos(angles[:, : d_model // 2])
    return pe.to(torch.float32)


def layer_norm(x: Tensor, normalized_shape: int | tuple[int, ...], weight: Tensor | None = None,
               bias: Tensor | None = None, eps: float = 1e-5) -> Tensor:
    """``torch.nn.functional.layer_norm``: normalise over the trailing ``normalized_shape`` dims."""
    if isinstance(normalized_shape, int):
        normalized_shape = (normalized_shape,)
    dims = tuple(range(-len(normalized_shape), 0))
    centered = x - x.mean(dim=dims, keepdim=True)
    # the biased variance from the centred values: E[x^2] - E[x]^2 cancels badly when the mean is large
    variance = centered.square().mean(dim=dims, keepdim=True)
    out = centered * torch.rsqrt(variance + eps)
    if weight is not None:
        out = out * weight
    if bias is not None:
        out = out + bias
    return out


def transformer_encoder_layer(x: Tensor, params: dict[str, Tensor], num_heads: int,
                              key_padding_mask: Tensor | None = None) -> Tensor:
    """``nn.TransformerEncoderLayer(E, num_heads, F, dropout=0.0, batch_first=True)`` in eval mode, from its
    state dict: post-norm, ReLU feed-forward, layer-norm eps 1e-5."""
    E = x.shape[-1]
    attended = multi_head_self_attention(x, num_heads, params["self_attn.in_proj_weight"],
                                         params["self_attn.in_proj_bias"], params["self_attn.out_proj.weight"],
                                         params["self_attn.out_proj.bias"], key_padding_mask=key_padding_mask)
    x = layer_norm(x + attended, E, params["norm1.weight"], params["norm1.bias"])
    hidden = torch.relu(F.linear(x, params["linear1.weight"], params["linear1.bias"]))
    fed = F.linear(hidden, params["linear2.weight"], params["linear2.bias"])
    return layer_norm(x + fed, E, params["norm2.weight"], params["norm2.bias"])
