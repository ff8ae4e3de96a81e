"""Pushes from the conditional towards the unconditional: eps_cond + w * (eps_uncond - eps_cond)."""
import torch


def classifier_free_guidance(eps_uncond, eps_cond, guidance_scale):
    w = guidance_scale
    if isinstance(w, torch.Tensor):
        w = w.view(-1, *([1] * (eps_cond.dim() - 1)))
    return (eps_cond + w * (eps_uncond - eps_cond)).to(eps_cond.dtype)
