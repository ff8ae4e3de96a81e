"""Correct, but a Python loop over every pixel and every latent, with math.log on Python floats."""
import math

import torch


def _log(p):
    return max(math.log(p), -100.0) if p > 0 else -100.0


def vae_loss(x_recon, x, mu, logvar):
    total = 0.0
    for p, t in zip(x_recon.reshape(-1).tolist(), x.reshape(-1).tolist()):
        total -= t * _log(p) + (1 - t) * _log(1 - p)
    for m, lv in zip(mu.reshape(-1).tolist(), logvar.reshape(-1).tolist()):
        total -= 0.5 * (1 + lv - m * m - math.exp(lv))
    return torch.tensor(total, dtype=x.dtype, device=x.device)
