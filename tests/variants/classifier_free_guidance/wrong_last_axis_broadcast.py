"""Multiplies by a (B,) tensor of scales as it is, so it broadcasts along the *last* axis."""


def classifier_free_guidance(eps_uncond, eps_cond, guidance_scale):
    return (eps_uncond + guidance_scale * (eps_cond - eps_uncond)).to(eps_cond.dtype)
