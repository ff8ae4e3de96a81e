"""The guidance paper's own convention, (1 + w) * eps_cond - w * eps_uncond: scale 0 gives eps_cond, not eps_uncond."""
import torch


def classifier_free_guidance(eps_uncond, eps_cond, guidance_scale):
    w = guidance_scale
    if isinstance(w, torch.Tensor):
        w = w.view(-1, *([1] * (eps_cond.dim() - 1)))
    return ((1 + w) * eps_cond - w * eps_uncond).to(eps_cond.dtype)
