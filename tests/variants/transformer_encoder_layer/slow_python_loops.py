"""Correct, but every product, softmax and norm is a pure-Python loop over Python floats."""
import math

import torch


def _linear(rows, weight, bias):
    return [[b + sum(w * v for w, v in zip(wrow, row, strict=True)) for wrow, b in zip(weight, bias, strict=True)]
            for row in rows]


def _norm(rows, weight, bias):
    out = []
    for row in rows:
        mean = sum(row) / len(row)
        var = sum((v - mean) ** 2 for v in row) / len(row)
        inv = 1.0 / math.sqrt(var + 1e-5)
        out.append([(v - mean) * inv * w + b for v, w, b in zip(row, weight, bias, strict=True)])
    return out


def transformer_encoder_layer(x, params, num_heads, key_padding_mask=None):
    p = {name: t.tolist() for name, t in params.items()}
    masks = [None] * x.shape[0] if key_padding_mask is None else key_padding_mask.tolist()
    E = x.shape[-1]
    d = E // num_heads
    result = []
    for seq, mask in zip(x.tolist(), masks, strict=True):
        qkv = _linear(seq, p["self_attn.in_proj_weight"], p["self_attn.in_proj_bias"])
        S = len(seq)
        heads = [[0.0] * E for _ in range(S)]
        for h in range(num_heads):
            cols = range(h * d, (h + 1) * d)
            for i in range(S):
                scores = []
                for j in range(S):
                    if mask is not None and mask[j]:
                        scores.append(-math.inf)
                    else:
                        scores.append(sum(qkv[i][c] * qkv[j][E + c] for c in cols) / math.sqrt(d))
                top = max(scores)
                weights = [math.exp(s - top) for s in scores]
                total = sum(weights)
                for c in cols:
                    heads[i][c] = sum(w * qkv[j][2 * E + c] for j, w in enumerate(weights)) / total
        attended = _linear(heads, p["self_attn.out_proj.weight"], p["self_attn.out_proj.bias"])
        y = _norm([[a + b for a, b in zip(r1, r2, strict=True)] for r1, r2 in zip(seq, attended, strict=True)],
                  p["norm1.weight"], p["norm1.bias"])
        hidden = [[max(v, 0.0) for v in row] for row in _linear(y, p["linear1.weight"], p["linear1.bias"])]
        fed = _linear(hidden, p["linear2.weight"], p["linear2.bias"])
        result.append(_norm([[a + b for a, b in zip(r1, r2, strict=True)] for r1, r2 in zip(y, fed, strict=True)],
                            p["norm2.weight"], p["norm2.bias"]))
    return torch.tensor(result, dtype=x.dtype, device=x.device)
