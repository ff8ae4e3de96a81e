"""ada's attention.py (sample submission, built by examples/build_sample_class.py)."""
from __future__ import annotations


# scaled_dot_product_attention/correct_additive_mask: Turns every mask into an additive float mask (0 or -inf) and adds it; the causal one from triu.
import math

import torch


def scaled_dot_product_attention(query, key, value, attn_mask=None, is_causal=False, scale=None):
    L, S = query.size(-2), key.size(-2)
    bias = torch.zeros(L, S, dtype=query.dtype, device=query.device)
    if is_causal:
        bias = bias + torch.full((L, S), float("-inf"), dtype=query.dtype, device=query.device).triu(1)
    if attn_mask is not None:
        if attn_mask.dtype == torch.bool:
            bias = bias + torch.zeros_like(attn_mask, dtype=query.dtype).masked_fill(~attn_mask, float("-inf"))
        else:
            bias = bias + attn_mask
    factor = scale if scale is not None else 1 / math.sqrt(query.size(-1))
    logits = torch.matmul(query * factor, key.mT) + bias
    return torch.matmul(logits.softmax(dim=-1), value)


# multi_head_self_attention/correct_einsum: All in einsum: projections, per-head scores and weighted sums, with the heads as an einsum index.
import math

import torch


def multi_head_self_attention(x, num_heads, in_proj_weight, in_proj_bias, out_proj_weight, out_proj_bias,
                              key_padding_mask=None, is_causal=False):
    unbatched = x.dim() == 2
    if unbatched:
        x = x.unsqueeze(0)
        if key_padding_mask is not None:
            key_padding_mask = key_padding_mask.unsqueeze(0)
    B, L, E = x.shape
    d = E // num_heads
    w = in_proj_weight.reshape(3, num_heads, d, E)  # (q/k/v, head, feature within head, input feature)
    qkv = torch.einsum("ble,thde->tbhld", x, w)
    if in_proj_bias is not None:
        qkv = qkv + in_proj_bias.reshape(3, 1, num_heads, 1, d)
    q, k, v = qkv[0], qkv[1], qkv[2]
    scores = torch.einsum("bhid,bhjd->bhij", q, k) / math.sqrt(d)
    blocked = torch.zeros(B, 1, L, L, dtype=torch.bool, device=x.device)
    if key_padding_mask is not None:
        blocked = blocked | key_padding_mask[:, None, None, :]
    if is_causal:
        blocked = blocked | torch.ones(L, L, dtype=torch.bool, device=x.device).triu(1)
    weights = scores.masked_fill(blocked, float("-inf")).softmax(dim=-1)
    heads = torch.einsum("bhij,bhjd->bhid", weights, v)
    out = torch.einsum("bhid,ehd->bie", heads, out_proj_weight.reshape(E, num_heads, d))
    if out_proj_bias is not None:
        out = out + out_proj_bias
    return out.squeeze(0) if unbatched else out


# sinusoidal_positional_encoding/correct_exp_log_float32: The PyTorch tutorial's float32 version (div_term = exp(2i * -ln(10000) / d)), padded to an even width.
import math

import torch


def sinusoidal_positional_encoding(seq_len, d_model):
    width = d_model + d_model % 2  # an odd width: compute one cosine column too many, then drop it
    position = torch.arange(seq_len, dtype=torch.float32).unsqueeze(1)
    div_term = torch.exp(torch.arange(0, width, 2, dtype=torch.float32) * (-math.log(10000.0) / d_model))
    pe = torch.zeros(seq_len, width)
    pe[:, 0::2] = torch.sin(position * div_term)
    pe[:, 1::2] = torch.cos(position * div_term)
    return pe[:, :d_model]


# layer_norm/correct_flatten_groups: Reshapes x to (groups, N) rows, normalises each row, reshapes back; missing weight/bias become ones/zeros.
import math

import torch


def layer_norm(x, normalized_shape, weight=None, bias=None, eps=1e-5):
    if isinstance(normalized_shape, int):
        normalized_shape = [normalized_shape]
    n = math.prod(normalized_shape)
    rows = x.reshape(-1, n)
    mean = rows.sum(dim=1, keepdim=True) / n
    centred = rows - mean
    var = (centred * centred).sum(dim=1, keepdim=True) / n
    y = (centred / torch.sqrt(var + eps)).reshape(x.shape)
    w = torch.ones(normalized_shape, dtype=x.dtype, device=x.device) if weight is None else weight
    b = torch.zeros(normalized_shape, dtype=x.dtype, device=x.device) if bias is None else bias
    return y * w + b


# transformer_encoder_layer/correct_einsum_inline: Everything inline with einsum: heads as an explicit axis, an additive -inf mask, var_mean for the norms.
import torch


def _norm(t, weight, bias):
    var, mean = torch.var_mean(t, dim=-1, correction=0, keepdim=True)
    return (t - mean) * torch.rsqrt(var + 1e-5) * weight + bias


def transformer_encoder_layer(x, params, num_heads, key_padding_mask=None):
    B, S, E = x.shape
    d = E // num_heads
    qkv = torch.einsum("bse,fe->bsf", x, params["self_attn.in_proj_weight"]) + params["self_attn.in_proj_bias"]
    q, k, v = qkv.reshape(B, S, 3, num_heads, d).unbind(dim=2)  # each (B, S, heads, d)
    scores = torch.einsum("bqhd,bkhd->bhqk", q, k) / d ** 0.5
    if key_padding_mask is not None:
        additive = torch.zeros(B, S, dtype=x.dtype, device=x.device).masked_fill(key_padding_mask, float("-inf"))
        scores = scores + additive[:, None, None, :]
    heads = torch.einsum("bhqk,bkhd->bqhd", scores.softmax(dim=-1), v).reshape(B, S, E)
    attended = torch.einsum("bse,fe->bsf", heads, params["self_attn.out_proj.weight"]) + params["self_attn.out_proj.bias"]
    y = _norm(x + attended, params["norm1.weight"], params["norm1.bias"])
    hidden = (torch.einsum("bse,fe->bsf", y, params["linear1.weight"]) + params["linear1.bias"]).clamp_min(0)
    fed = torch.einsum("bsf,ef->bse", hidden, params["linear2.weight"]) + params["linear2.bias"]
    return _norm(y + fed, params["norm2.weight"], params["norm2.bias"])
