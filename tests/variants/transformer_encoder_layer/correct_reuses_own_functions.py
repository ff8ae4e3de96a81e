"""A whole attention.py as a student hands it in: their own attention, multi-head attention and layer norm,
composed into the encoder layer."""
import math

import torch
import torch.nn.functional as F


def scaled_dot_product_attention(query, key, value, attn_mask=None, is_causal=False, scale=None):
    scale = 1 / math.sqrt(query.shape[-1]) if scale is None else scale
    scores = query @ key.transpose(-2, -1) * scale
    if is_causal:
        L, S = scores.shape[-2:]
        scores = scores.masked_fill(~torch.ones(L, S, dtype=torch.bool, device=scores.device).tril(), float("-inf"))
    if attn_mask is not None:
        if attn_mask.dtype == torch.bool:
            scores = scores.masked_fill(~attn_mask, float("-inf"))
        else:
            scores = scores + attn_mask
    return torch.softmax(scores, dim=-1) @ value


def multi_head_self_attention(x, num_heads, in_proj_weight, in_proj_bias, out_proj_weight, out_proj_bias,
                              key_padding_mask=None, is_causal=False):
    L, E = x.shape[-2:]
    d = E // num_heads
    q, k, v = (t.unflatten(-1, (num_heads, d)).transpose(-3, -2)
               for t in F.linear(x, in_proj_weight, in_proj_bias).chunk(3, dim=-1))
    allowed = None
    if key_padding_mask is not None:
        allowed = ~key_padding_mask[..., None, None, :]
    if is_causal:
        causal = torch.ones(L, L, dtype=torch.bool, device=x.device).tril()
        allowed = causal if allowed is None else allowed & causal
    heads = scaled_dot_product_attention(q, k, v, attn_mask=allowed)
    return F.linear(heads.transpose(-3, -2).flatten(-2), out_proj_weight, out_proj_bias)


def layer_norm(x, normalized_shape, weight=None, bias=None, eps=1e-5):
    shape = (normalized_shape,) if isinstance(normalized_shape, int) else tuple(normalized_shape)
    dims = tuple(range(-len(shape), 0))
    centred = x - x.mean(dim=dims, keepdim=True)
    y = centred / torch.sqrt(centred.pow(2).mean(dim=dims, keepdim=True) + eps)
    if weight is not None:
        y = y * weight
    if bias is not None:
        y = y + bias
    return y


def transformer_encoder_layer(x, params, num_heads, key_padding_mask=None):
    E = x.shape[-1]
    a = multi_head_self_attention(x, num_heads, params["self_attn.in_proj_weight"], params["self_attn.in_proj_bias"],
                                  params["self_attn.out_proj.weight"], params["self_attn.out_proj.bias"],
                                  key_padding_mask=key_padding_mask)
    y = layer_norm(x + a, E, params["norm1.weight"], params["norm1.bias"])
    f = F.linear(F.relu(F.linear(y, params["linear1.weight"], params["linear1.bias"])),
                 params["linear2.weight"], params["linear2.bias"])
    return layer_norm(y + f, E, params["norm2.weight"], params["norm2.bias"])
