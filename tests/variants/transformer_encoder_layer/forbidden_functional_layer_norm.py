"""Writes the attention itself but normalises with torch.nn.functional.layer_norm: aten::layer_norm."""
import math

import torch.nn.functional as F


def transformer_encoder_layer(x, params, num_heads, key_padding_mask=None):
    B, S, E = x.shape
    d = E // num_heads
    q, k, v = (t.reshape(B, S, num_heads, d).transpose(1, 2)
               for t in F.linear(x, params["self_attn.in_proj_weight"], params["self_attn.in_proj_bias"]).chunk(3, -1))
    scores = q @ k.transpose(-2, -1) / math.sqrt(d)
    if key_padding_mask is not None:
        scores = scores.masked_fill(key_padding_mask[:, None, None, :], float("-inf"))
    heads = (scores.softmax(-1) @ v).transpose(1, 2).reshape(B, S, E)
    a = F.linear(heads, params["self_attn.out_proj.weight"], params["self_attn.out_proj.bias"])
    y = F.layer_norm(x + a, (E,), params["norm1.weight"], params["norm1.bias"])
    f = F.linear(F.relu(F.linear(y, params["linear1.weight"], params["linear1.bias"])), params["linear2.weight"],
                 params["linear2.bias"])
    return F.layer_norm(y + f, (E,), params["norm2.weight"], params["norm2.bias"])
