"""numpy in float64, looping over batch entries and heads; returns the input's dtype and device."""
import numpy as np
import torch


def multi_head_self_attention(x, num_heads, in_proj_weight, in_proj_bias, out_proj_weight, out_proj_bias,
                              key_padding_mask=None, is_causal=False):
    def arr(t):
        return t.detach().cpu().double().numpy()

    xs = arr(x)
    unbatched = xs.ndim == 2
    if unbatched:
        xs = xs[None]
    B, L, E = xs.shape
    d = E // num_heads
    W, Wo = arr(in_proj_weight), arr(out_proj_weight)
    b = np.zeros(3 * E) if in_proj_bias is None else arr(in_proj_bias)
    bo = np.zeros(E) if out_proj_bias is None else arr(out_proj_bias)
    pad = np.zeros((B, L), dtype=bool)
    if key_padding_mask is not None:
        pad = key_padding_mask.detach().cpu().numpy().reshape(B, L)
    out = np.empty((B, L, E))
    for n in range(B):
        qkv = xs[n] @ W.T + b
        q, k, v = qkv[:, :E], qkv[:, E:2 * E], qkv[:, 2 * E:]
        merged = np.empty((L, E))
        for h in range(num_heads):
            cols = slice(h * d, (h + 1) * d)
            s = q[:, cols] @ k[:, cols].T / np.sqrt(d)
            blocked = np.broadcast_to(pad[n][None, :], (L, L))
            if is_causal:
                blocked = blocked | np.triu(np.ones((L, L), dtype=bool), 1)
            s = np.where(blocked, -np.inf, s)
            s = np.exp(s - s.max(axis=1, keepdims=True))
            merged[:, cols] = (s / s.sum(axis=1, keepdims=True)) @ v[:, cols]
        out[n] = merged @ Wo.T + bo
    result = torch.from_numpy(out[0] if unbatched else out)
    return result.to(dtype=x.dtype, device=x.device)
