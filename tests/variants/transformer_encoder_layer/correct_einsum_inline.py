"""Everything inline with einsum: heads as an explicit axis, an additive -inf mask, var_mean for the norms."""
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
