"""Autoencoders and variational autoencoders (solutions)."""

from __future__ import annotations

import torch
from torch import nn


def vae_reparameterize(mu: torch.Tensor, logvar: torch.Tensor, eps: torch.Tensor) -> torch.Tensor:
    """z = mu + sigma eps, with sigma = exp(logvar / 2) computed without forming sigma^2."""
    sigma = logvar.div(2).exp()
    return torch.addcmul(mu, sigma, eps)


def vae_loss(x_recon: torch.Tensor, x: torch.Tensor, mu: torch.Tensor, logvar: torch.Tensor) -> torch.Tensor:
    """The summed binary cross-entropy (logs clamped at -100) plus the closed-form Gaussian KL."""
    log_p = torch.log(x_recon).clamp(min=-100)
    log_not_p = torch.log1p(-x_recon).clamp(min=-100)
    reconstruction = -(x * log_p + (1 - x) * log_not_p).sum()
    divergence = 0.5 * (logvar.exp() + mu * mu - 1 - logvar).sum()
    return reconstruction + divergence


class ConvAutoencoder(nn.Module):
    """Two strided convolutions down to an 8x8 map and a linear bottleneck; the mirror image back up."""

    def __init__(self, latent_dim: int) -> None:
        super().__init__()
        self.encoder = nn.Sequential(
            nn.Conv2d(1, 16, kernel_size=3, stride=2, padding=1),
            nn.ReLU(),
            nn.Conv2d(16, 32, kernel_size=3, stride=2, padding=1),
            nn.ReLU(),
            nn.Flatten(),
            nn.Linear(2048, latent_dim),
        )
        self.decoder = nn.Sequential(
            nn.Linear(latent_dim, 2048),
            nn.ReLU(),
            nn.Unflatten(1, (32, 8, 8)),
            nn.ConvTranspose2d(32, 16, kernel_size=4, stride=2, padding=1),
            nn.ReLU(),
            nn.ConvTranspose2d(16, 1, kernel_size=4, stride=2, padding=1),
            nn.Sigmoid(),
        )

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.decoder(self.encoder(x))


def build_autoencoder(latent_dim: int) -> nn.Module:
    return ConvAutoencoder(latent_dim)


def train_autoencoder(model: nn.Module, images: torch.Tensor, epochs: int, lr: float) -> nn.Module:
    """Adam on the mean squared error, shuffled mini-batches of 32."""
    optimizer = torch.optim.Adam(model.parameters(), lr=lr)
    model.train()
    for _ in range(epochs):
        order = torch.randperm(images.shape[0], device=images.device)
        for start in range(0, len(order), 32):
            batch = images[order[start:start + 32]]
            loss = torch.mean((model(batch) - batch) ** 2)
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
    return model
