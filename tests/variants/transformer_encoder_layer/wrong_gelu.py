"""Uses GELU in the feed-forward block (as BERT does) instead of the module's default ReLU."""
import math

import torch
import torch.nn.functional as F


def _attention(x, params, num_heads, key_padding_mask):
    B, S, E = x.shape
    d = E // num_heads
    q, k, v = (t.reshape(B, S, num_heads, d).transpose(1, 2)
               for t in F.linear(x, params["self_attn.in_proj_weight"], params["self_attn.in_proj_bias"]).chunk(3, -1))
    scores = q @ k.transpose(-2, -1) / math.sqrt(d)
    if key_padding_mask is not None:
        scores = scores.masked_fill(key_padding_mask[:, None, None, :], float("-inf"))
    heads = (scores.softmax(-1) @ v).transpose(1, 2).reshape(B, S, E)
    return F.linear(heads, params["self_attn.out_proj.weight"], params["self_attn.out_proj.bias"])


def _norm(t, weight, bias):
    mean = t.mean(-1, keepdim=True)
    var = ((t - mean) ** 2).mean(-1, keepdim=True)
    return (t - mean) / torch.sqrt(var + 1e-5) * weight + bias


def _feed_forward(t, params):
    return F.linear(F.relu(F.linear(t, params["linear1.weight"], params["linear1.bias"])),
                    params["linear2.weight"], params["linear2.bias"])


def transformer_encoder_layer(x, params, num_heads, key_padding_mask=None):
    y = _norm(x + _attention(x, params, num_heads, key_padding_mask), params["norm1.weight"], params["norm1.bias"])
    f = F.linear(F.gelu(F.linear(y, params["linear1.weight"], params["linear1.bias"])), params["linear2.weight"],
                 params["linear2.bias"])
    return _norm(y + f, params["norm2.weight"], params["norm2.bias"])
