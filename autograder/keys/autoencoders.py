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


# -- classic mistakes: near-answers are answers too


def vae_reparameterize_sqrt_of_exp(mu: torch.Tensor, logvar: torch.Tensor, eps: torch.Tensor) -> torch.Tensor:
    """sigma as sqrt(exp(logvar)): inf where exp(logvar) overflows, though sigma is finite."""
    return mu + torch.sqrt(torch.exp(logvar)) * eps


def vae_reparameterize_variance_as_std(mu: torch.Tensor, logvar: torch.Tensor, eps: torch.Tensor) -> torch.Tensor:
    """Scales the noise by the variance exp(logvar), not by its square root."""
    return mu + torch.exp(logvar) * eps


def _kl(mu: torch.Tensor, logvar: torch.Tensor) -> torch.Tensor:
    return -0.5 * torch.sum(1 + logvar - mu.pow(2) - logvar.exp())


def vae_loss_averaged(x_recon: torch.Tensor, x: torch.Tensor, mu: torch.Tensor, logvar: torch.Tensor) -> torch.Tensor:
    """The cross-entropy averaged over the pixels (nn.BCELoss's default) and the KL over the batch."""
    return F.binary_cross_entropy(x_recon, x) + _kl(mu, logvar) / mu.shape[0]


def vae_loss_kl_sign_flipped(x_recon: torch.Tensor, x: torch.Tensor, mu: torch.Tensor,
                             logvar: torch.Tensor) -> torch.Tensor:
    """Adds +1/2 sum(1 + logvar - mu^2 - exp(logvar)): the KL's minus sign dropped."""
    return F.binary_cross_entropy(x_recon, x, reduction="sum") - _kl(mu, logvar)


def vae_loss_unclamped_log(x_recon: torch.Tensor, x: torch.Tensor, mu: torch.Tensor,
                           logvar: torch.Tensor) -> torch.Tensor:
    """Takes the logs without the clamp at -100: inf or NaN where a reconstruction is exactly 0 or 1."""
    bce = -(x * torch.log(x_recon) + (1 - x) * torch.log(1 - x_recon)).sum()
    return bce + _kl(mu, logvar)


class _Parts(nn.Module):
    def __init__(self, encoder: nn.Module, decoder: nn.Module) -> None:
        super().__init__()
        self.encoder, self.decoder = encoder, decoder

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.decoder(self.encoder(x))


def _encoder(latent_dim: int) -> nn.Module:
    return nn.Sequential(nn.Conv2d(1, 16, 3, stride=2, padding=1), nn.ReLU(),
                         nn.Conv2d(16, 32, 3, stride=2, padding=1), nn.ReLU(),
                         nn.Flatten(), nn.Linear(32 * 8 * 8, latent_dim))


def build_autoencoder_no_sigmoid(latent_dim: int) -> nn.Module:
    """The decoder ends with its last transposed convolution: outputs are not held in [0, 1]."""
    decoder = nn.Sequential(nn.Linear(latent_dim, 32 * 8 * 8), nn.ReLU(), nn.Unflatten(1, (32, 8, 8)),
                            nn.ConvTranspose2d(32, 16, 4, stride=2, padding=1), nn.ReLU(),
                            nn.ConvTranspose2d(16, 1, 4, stride=2, padding=1))
    return _Parts(_encoder(latent_dim), decoder)


def build_autoencoder_upsampling_decoder(latent_dim: int) -> nn.Module:
    """The decoder upsamples with nn.Upsample and ordinary convolutions, no transposed convolution."""
    decoder = nn.Sequential(nn.Linear(latent_dim, 32 * 8 * 8), nn.ReLU(), nn.Unflatten(1, (32, 8, 8)),
                            nn.Upsample(scale_factor=2), nn.Conv2d(32, 16, 3, padding=1), nn.ReLU(),
                            nn.Upsample(scale_factor=2), nn.Conv2d(16, 1, 3, padding=1), nn.Sigmoid())
    return _Parts(_encoder(latent_dim), decoder)


def build_autoencoder_latent_hard_coded(latent_dim: int) -> nn.Module:
    """A bottleneck of 32 numbers whatever latent_dim asks for."""
    return _Autoencoder(32)
