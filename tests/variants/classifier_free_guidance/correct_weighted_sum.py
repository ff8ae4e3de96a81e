"""The same line written as a weighted sum, w * eps_cond + (1 - w) * eps_uncond, with unsqueeze for a tensor w."""
import torch


def classifier_free_guidance(eps_uncond, eps_cond, guidance_scale):
    w = guidance_scale
    if isinstance(w, torch.Tensor):
        while w.dim() < eps_cond.dim():
            w = w.unsqueeze(-1)
    return (w * eps_cond + (1 - w) * eps_uncond).to(eps_cond.dtype)
