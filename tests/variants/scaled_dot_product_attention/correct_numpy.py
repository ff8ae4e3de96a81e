"""Computes in numpy (float64) with a max-shifted softmax, then returns the input's dtype and device."""
import numpy as np
import torch


def scaled_dot_product_attention(query, key, value, attn_mask=None, is_causal=False, scale=None):
    q = query.detach().cpu().double().numpy()
    k = key.detach().cpu().double().numpy()
    v = value.detach().cpu().double().numpy()
    factor = 1.0 / np.sqrt(q.shape[-1]) if scale is None else scale
    s = np.matmul(q, np.swapaxes(k, -1, -2)) * factor
    L, S = s.shape[-2:]
    if is_causal:
        s = np.where(np.tril(np.ones((L, S), dtype=bool)), s, -np.inf)
    if attn_mask is not None:
        m = attn_mask.detach().cpu()
        if m.dtype == torch.bool:
            s = np.where(m.numpy(), s, -np.inf)
        else:
            s = s + m.double().numpy()
    s = s - s.max(axis=-1, keepdims=True)
    w = np.exp(s)
    w = w / w.sum(axis=-1, keepdims=True)
    return torch.from_numpy(np.matmul(w, v)).to(dtype=query.dtype, device=query.device)
