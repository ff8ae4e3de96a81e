"""float(guidance_scale): right for one scale, fails for a tensor of one scale per item."""


def classifier_free_guidance(eps_uncond, eps_cond, guidance_scale):
    w = float(guidance_scale)
    return eps_uncond + w * (eps_cond - eps_uncond)
