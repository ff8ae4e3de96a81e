"""sigma = sqrt(exp(logvar)): the same number on paper, but exp(logvar) overflows to inf first for a large
logvar while sigma itself is finite."""
import torch


def vae_reparameterize(mu, logvar, eps):
    return mu + torch.sqrt(torch.exp(logvar)) * eps
