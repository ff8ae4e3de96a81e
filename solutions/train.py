"""Training a convolutional network: LeNet-5 on handwritten digits (solutions)."""

from __future__ import annotations

import torch
from torch import nn


def build_lenet(num_classes: int) -> nn.Module:
    """LeNet-5 for (B, 1, 32, 32) images: two 5x5 convolutions with 2x2 max pooling, then 400-120-84-C."""
    return nn.Sequential(
        nn.Conv2d(1, 6, kernel_size=5), nn.ReLU(), nn.MaxPool2d(2),
        nn.Conv2d(6, 16, kernel_size=5), nn.ReLU(), nn.MaxPool2d(2),
        nn.Flatten(),
        nn.Linear(16 * 5 * 5, 120), nn.ReLU(),
        nn.Linear(120, 84), nn.ReLU(),
        nn.Linear(84, num_classes),
    )


def train(model: nn.Module, train_loader: torch.utils.data.DataLoader, epochs: int) -> nn.Module:
    """Adam at lr=1e-3 on the cross-entropy, ``epochs`` passes over the loader."""
    device = next(model.parameters()).device
    loss_fn = nn.CrossEntropyLoss()
    optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)
    model.train()
    for _ in range(epochs):
        for images, labels in train_loader:
            images, labels = images.to(device), labels.to(device)
            optimizer.zero_grad()
            loss = loss_fn(model(images), labels)
            loss.backward()
            optimizer.step()
    return model
