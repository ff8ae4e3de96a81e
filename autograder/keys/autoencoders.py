"""The hand-written references of ``autograder.specs.autoencoders``: their code is the answer (see
``autograder.core.key``). Never part of a student release."""

from __future__ import annotations

import torch
import torch.nn.functional as F
from torch import nn


def vae_reparameterize_reference(mu: torch.Tensor, logvar: torch.Tensor, eps: torch.Tensor) -> torch.Tensor:
    """PyTorch's VAE example: ``std = exp(0.5 * logvar)``, then ``mu + eps * std``."""
    std = torch.exp(0.5 * logvar)
    return mu + eps * std


def vae_loss_reference(x_recon: torch.Tensor, x: torch.Tensor, mu: torch.Tensor, logvar: torch.Tensor) -> torch.Tensor:
    """PyTorch's VAE example: ``F.binary_cross_entropy(reduction="sum")`` plus the KL term of Kingma and
    Welling's appendix B, both summed over the whole batch."""
    bce = F.binary_cross_entropy(x_recon, x, reduction="sum")
    kld = -0.5 * torch.sum(1 + logvar - mu.pow(2) - logvar.exp())
    return bce + kld


class _Autoencoder(nn.Module):
    """Two stride-2 convolutions (32 -> 16 -> 8) and a linear bottleneck; two stride-2 transposed convolutions
    back (8 -> 16 -> 32) and a sigmoid."""

    def __init__(self, latent_dim: int) -> None:
        super().__init__()
        self.encoder = nn.Sequential(
            nn.Conv2d(1, 16, 3, stride=2, padding=1), nn.ReLU(),
            nn.Conv2d(16, 32, 3, stride=2, padding=1), nn.ReLU(),
            nn.Flatten(), nn.Linear(32 * 8 * 8, latent_dim),
        )
        self.decoder = nn.Sequential(
            nn.Linear(latent_dim, 32 * 8 * 8), nn.ReLU(), nn.Unflatten(1, (32, 8, 8)),
            nn.ConvTranspose2d(32, 16, 4, stride=2, padding=1), nn.ReLU(),
            nn.ConvTranspose2d(16, 1, 4, stride=2, padding=1), nn.Sigmoid(),
        )

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.decoder(self.encoder(x))


def build_autoencoder_reference(latent_dim: int) -> nn.Module:
    """The design the statement describes (probed on its contract, not compared layer by layer)."""
    return _Autoencoder(latent_dim)


def train_autoencoder_reference(model: nn.Module, images: torch.Tensor, epochs: int, lr: float) -> nn.Module:
    """Adam at ``lr`` on the mean squared error, ``epochs`` passes over shuffled batches of 32 (scored, not
    compared: see ``score_reconstruction``)."""
    loss_fn = nn.MSELoss()
    optimizer = torch.optim.Adam(model.parameters(), lr=lr)
    model.train()
    for _ in range(epochs):
        for batch in images[torch.randperm(len(images), device=images.device)].split(32):
            optimizer.zero_grad()
            loss_fn(model(batch), batch).backward()
            optimizer.step()
    return model
