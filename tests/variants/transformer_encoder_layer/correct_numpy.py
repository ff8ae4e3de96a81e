"""The whole layer in numpy float64, one sequence and one head at a time; cast back at the end."""
import numpy as np
import torch


def _norm(t, weight, bias):
    mean = t.mean(axis=-1, keepdims=True)
    var = ((t - mean) ** 2).mean(axis=-1, keepdims=True)
    return (t - mean) / np.sqrt(var + 1e-5) * weight + bias


def transformer_encoder_layer(x, params, num_heads, key_padding_mask=None):
    p = {name: t.detach().cpu().double().numpy() for name, t in params.items()}
    xs = x.detach().cpu().double().numpy()
    mask = None if key_padding_mask is None else key_padding_mask.cpu().numpy()
    B, S, E = xs.shape
    d = E // num_heads
    out = np.empty_like(xs)
    for b in range(B):
        seq = xs[b]
        qkv = seq @ p["self_attn.in_proj_weight"].T + p["self_attn.in_proj_bias"]
        q, k, v = qkv[:, :E], qkv[:, E:2 * E], qkv[:, 2 * E:]
        heads = []
        for h in range(num_heads):
            cols = slice(h * d, (h + 1) * d)
            scores = q[:, cols] @ k[:, cols].T / np.sqrt(d)
            if mask is not None:
                scores = np.where(mask[b][None, :], -np.inf, scores)
            scores = np.exp(scores - scores.max(axis=-1, keepdims=True))
            heads.append(scores / scores.sum(axis=-1, keepdims=True) @ v[:, cols])
        attended = np.concatenate(heads, axis=-1) @ p["self_attn.out_proj.weight"].T + p["self_attn.out_proj.bias"]
        y = _norm(seq + attended, p["norm1.weight"], p["norm1.bias"])
        hidden = np.maximum(y @ p["linear1.weight"].T + p["linear1.bias"], 0)
        out[b] = _norm(y + hidden @ p["linear2.weight"].T + p["linear2.bias"], p["norm2.weight"], p["norm2.bias"])
    return torch.from_numpy(out).to(dtype=x.dtype, device=x.device)
