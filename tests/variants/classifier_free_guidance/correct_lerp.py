"""torch.lerp(start, end, weight) = start + weight * (end - start): guidance is a linear extrapolation."""
import torch


def classifier_free_guidance(eps_uncond, eps_cond, guidance_scale):
    if isinstance(guidance_scale, torch.Tensor):
        weight = guidance_scale.to(eps_cond.dtype).view(-1, *([1] * (eps_cond.dim() - 1)))
        return torch.lerp(eps_uncond, eps_cond, weight)
    return torch.lerp(eps_uncond, eps_cond, float(guidance_scale))
