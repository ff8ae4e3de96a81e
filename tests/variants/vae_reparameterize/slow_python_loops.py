"""Correct, but a Python loop over every element, with math.exp on Python floats."""
import math

import torch


def vae_reparameterize(mu, logvar, eps):
    flat_mu, flat_logvar, flat_eps = mu.reshape(-1).tolist(), logvar.reshape(-1).tolist(), eps.reshape(-1).tolist()
    values = [m + math.exp(lv / 2) * e for m, lv, e in zip(flat_mu, flat_logvar, flat_eps)]
    return torch.tensor(values, dtype=mu.dtype, device=mu.device).reshape(mu.shape)
