"""Scales the noise by exp(logvar), the variance, instead of its square root."""
import torch


def vae_reparameterize(mu, logvar, eps):
    return mu + torch.exp(logvar) * eps
