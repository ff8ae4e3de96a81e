"""Returns from inside the epoch loop (one indentation level too deep): trains a single epoch, whatever
epochs says."""
import torch
from torch import nn


class Autoencoder(nn.Module):
    def __init__(self, latent_dim):
        super().__init__()
        self.encoder = nn.Sequential(
            nn.Conv2d(1, 16, 3, stride=2, padding=1), nn.ReLU(),
            nn.Conv2d(16, 32, 3, stride=2, padding=1), nn.ReLU(),
            nn.Flatten(), nn.Linear(2048, latent_dim),
        )
        self.decoder = nn.Sequential(
            nn.Linear(latent_dim, 2048), nn.ReLU(), nn.Unflatten(1, (32, 8, 8)),
            nn.ConvTranspose2d(32, 16, 4, stride=2, padding=1), nn.ReLU(),
            nn.ConvTranspose2d(16, 1, 4, stride=2, padding=1), nn.Sigmoid(),
        )

    def forward(self, x):
        return self.decoder(self.encoder(x))


def build_autoencoder(latent_dim):
    return Autoencoder(latent_dim)


def train_autoencoder(model, images, epochs, lr):
    optimizer = torch.optim.Adam(model.parameters(), lr=lr)
    loss_fn = nn.MSELoss()
    model.train()
    for _ in range(epochs):
        for batch in images[torch.randperm(len(images))].split(32):
            optimizer.zero_grad()
            loss_fn(model(batch), batch).backward()
            optimizer.step()
        return model
