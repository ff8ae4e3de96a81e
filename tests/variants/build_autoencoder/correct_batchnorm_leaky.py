"""Correct: an nn.Module with three stride-2 convolutions (32 -> 16 -> 8 -> 4) with batch norm and leaky ReLU,
a linear bottleneck, and three stride-2 transposed convolutions back, ending in a sigmoid."""
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
