"""ada's generative.py (sample submission, built by examples/build_sample_class.py)."""
from __future__ import annotations


# gan_discriminator_loss/correct_logaddexp: softplus(x) = log(e^0 + e^x), with torch.logaddexp; the two means summed with torch.stack.
import torch


def gan_discriminator_loss(real_logits, fake_logits):
    zero = torch.zeros((), dtype=real_logits.dtype, device=real_logits.device)
    real_loss = torch.logaddexp(zero, -real_logits).mean()
    fake_loss = torch.logaddexp(zero, fake_logits).mean()
    return torch.stack([real_loss, fake_loss]).sum()


# gan_generator_loss/correct_logsigmoid: -mean log sigmoid(fake) through logsigmoid, which is stable for any logit.
import torch.nn.functional as F


def gan_generator_loss(fake_logits):
    return -F.logsigmoid(fake_logits).mean()


# predict_x0/correct_batch_loop: A Python loop over the batch, one pair of scalars per item; an int t is first expanded to every item.
import torch


def predict_x0(x_t, t, eps, alphas_cumprod):
    if not isinstance(t, torch.Tensor):
        t = torch.full((x_t.shape[0],), t, dtype=torch.long)
    out = torch.empty_like(x_t)
    for b in range(x_t.shape[0]):
        abar = alphas_cumprod[t[b]]
        out[b] = (x_t[b] - (1 - abar).sqrt() * eps[b]) / abar.sqrt()
    return out


# ddpm_step/correct_batch_loop: A loop over the batch with a Python `if` per item; an int t is first expanded to every item.
import torch


def ddpm_step(x_t, t, eps, betas, noise):
    if not isinstance(t, torch.Tensor):
        t = torch.full((x_t.shape[0],), t, dtype=torch.long)
    alphas = 1 - betas
    alphas_cumprod = torch.cumprod(alphas, 0)
    out = torch.empty_like(x_t)
    for b in range(x_t.shape[0]):
        step = int(t[b])
        mean = (x_t[b] - betas[step] / torch.sqrt(1 - alphas_cumprod[step]) * eps[b]) / torch.sqrt(alphas[step])
        if step > 0:
            mean = mean + torch.sqrt(betas[step]) * noise[b]
        out[b] = mean
    return out


# classifier_free_guidance/correct_lerp: torch.lerp(start, end, weight) = start + weight * (end - start): guidance is a linear extrapolation.
import torch


def classifier_free_guidance(eps_uncond, eps_cond, guidance_scale):
    if isinstance(guidance_scale, torch.Tensor):
        weight = guidance_scale.to(eps_cond.dtype).view(-1, *([1] * (eps_cond.dim() - 1)))
        return torch.lerp(eps_uncond, eps_cond, weight)
    return torch.lerp(eps_uncond, eps_cond, float(guidance_scale))
