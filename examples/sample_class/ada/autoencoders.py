"""ada's autoencoders.py (sample submission, built by examples/build_sample_class.py)."""
from __future__ import annotations


# vae_reparameterize/correct_method_chain: Chains tensor methods: halve logvar, exponentiate, scale the noise, shift by mu.
def vae_reparameterize(mu, logvar, eps):
    return eps.mul(logvar.mul(0.5).exp()).add(mu)


# vae_loss/correct_per_image_terms: Both terms per image first (the cross-entropy from torch.maximum-clamped logs of x_recon and 1 - x_recon,
import torch


def vae_loss(x_recon, x, mu, logvar):
    floor = torch.full_like(x_recon, -100.0)
    log_p = torch.maximum(torch.log(x_recon), floor)
    log_q = torch.maximum(torch.log(1 - x_recon), floor)
    per_pixel = -(x * log_p + (1 - x) * log_q)
    bce_per_image = per_pixel.reshape(x.shape[0], -1).sum(dim=1)
    kl_per_image = ((torch.exp(logvar) + mu ** 2 - 1 - logvar) / 2).sum(dim=1)
    return (bce_per_image + kl_per_image).sum()


# build_autoencoder/correct_batchnorm_leaky: Correct: an nn.Module with three stride-2 convolutions (32 -> 16 -> 8 -> 4) with batch norm and leaky ReLU,
import torch
from torch import nn


class Encoder(nn.Module):
    def __init__(self, latent_dim):
        super().__init__()
        self.features = nn.Sequential(
            nn.Conv2d(1, 8, 4, stride=2, padding=1), nn.BatchNorm2d(8), nn.LeakyReLU(0.2),
            nn.Conv2d(8, 16, 4, stride=2, padding=1), nn.BatchNorm2d(16), nn.LeakyReLU(0.2),
            nn.Conv2d(16, 32, 4, stride=2, padding=1), nn.BatchNorm2d(32), nn.LeakyReLU(0.2),
        )
        self.to_code = nn.Linear(32 * 4 * 4, latent_dim)

    def forward(self, x):
        return self.to_code(self.features(x).flatten(start_dim=1))


class Decoder(nn.Module):
    def __init__(self, latent_dim):
        super().__init__()
        self.from_code = nn.Linear(latent_dim, 32 * 4 * 4)
        self.upsample = nn.Sequential(
            nn.ConvTranspose2d(32, 16, 4, stride=2, padding=1), nn.BatchNorm2d(16), nn.LeakyReLU(0.2),
            nn.ConvTranspose2d(16, 8, 4, stride=2, padding=1), nn.BatchNorm2d(8), nn.LeakyReLU(0.2),
            nn.ConvTranspose2d(8, 1, 4, stride=2, padding=1),
        )

    def forward(self, z):
        h = torch.relu(self.from_code(z)).view(-1, 32, 4, 4)
        return torch.sigmoid(self.upsample(h))


class Autoencoder(nn.Module):
    def __init__(self, latent_dim):
        super().__init__()
        self.encoder = Encoder(latent_dim)
        self.decoder = Decoder(latent_dim)

    def forward(self, x):
        return self.decoder(self.encoder(x))


def build_autoencoder(latent_dim):
    return Autoencoder(latent_dim)


# train_autoencoder/correct_bce_dataloader: Correct: a DataLoader over the images (shuffled batches of 32) and the binary cross-entropy, with Adam.
import torch
from torch import nn
from torch.utils.data import DataLoader, TensorDataset


class DigitAutoencoder(nn.Module):
    def __init__(self, latent_dim):
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

    def forward(self, x):
        return self.decoder(self.encoder(x))


def build_autoencoder(latent_dim):
    return DigitAutoencoder(latent_dim)


def train_autoencoder(model, images, epochs, lr):
    loader = DataLoader(TensorDataset(images), batch_size=32, shuffle=True)
    optimizer = torch.optim.Adam(model.parameters(), lr=lr)
    criterion = nn.BCELoss()
    model.train()
    for epoch in range(epochs):
        total = 0.0
        for (batch,) in loader:
            optimizer.zero_grad()
            loss = criterion(model(batch), batch)
            loss.backward()
            optimizer.step()
            total += loss.item() * len(batch)
    return model
