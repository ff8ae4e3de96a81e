"""Splits the heads by hand but lets F.scaled_dot_product_attention attend; the rest written out."""
import torch
import torch.nn.functional as F


def _norm(t, weight, bias):
    mean = t.mean(-1, keepdim=True)
    var = ((t - mean) ** 2).mean(-1, keepdim=True)
    return (t - mean) / torch.sqrt(var + 1e-5) * weight + bias


def transformer_encoder_layer(x, params, num_heads, key_padding_mask=None):
    B, S, E = x.shape
    q, k, v = (t.reshape(B, S, num_heads, E // num_heads).transpose(1, 2)
               for t in F.linear(x, params["self_attn.in_proj_weight"], params["self_attn.in_proj_bias"]).chunk(3, -1))
    mask = None if key_padding_mask is None else ~key_padding_mask[:, None, None, :]
    heads = F.scaled_dot_product_attention(q, k, v, attn_mask=mask).transpose(1, 2).reshape(B, S, E)
    a = F.linear(heads, params["self_attn.out_proj.weight"], params["self_attn.out_proj.bias"])
    y = _norm(x + a, params["norm1.weight"], params["norm1.bias"])
    f = F.linear(F.relu(F.linear(y, params["linear1.weight"], params["linear1.bias"])), params["linear2.weight"],
                 params["linear2.bias"])
    return _norm(y + f, params["norm2.weight"], params["norm2.bias"])
