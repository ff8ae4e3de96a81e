"""Correct, but a pure-Python loop over every single value, reading and writing the tensors one element at a time."""
import torch


def classifier_free_guidance(eps_uncond, eps_cond, guidance_scale):
    batch = eps_cond.shape[0]
    flat_u, flat_c = eps_uncond.reshape(batch, -1), eps_cond.reshape(batch, -1)
    out = torch.empty(flat_c.shape, dtype=eps_cond.dtype, device=eps_cond.device)
    for b in range(batch):
        w = float(guidance_scale[b]) if isinstance(guidance_scale, torch.Tensor) else float(guidance_scale)
        for j in range(flat_c.shape[1]):
            u = float(flat_u[b, j])
            out[b, j] = u + w * (float(flat_c[b, j]) - u)
    return out.reshape(eps_cond.shape)
