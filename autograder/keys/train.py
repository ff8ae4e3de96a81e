"""The hand-written references of ``autograder.specs.train``: their code is the answer (see
``autograder.core.key``). Never part of a student release."""

from __future__ import annotations

import torch
from torch import nn


def build_lenet_reference(num_classes: int) -> nn.Module:
    """LeNet-5 for 32x32 grayscale images: conv 6@5x5, pool, conv 16@5x5, pool, 400-120-84-C."""
    return nn.Sequential(
        nn.Conv2d(1, 6, 5), nn.ReLU(), nn.MaxPool2d(2),
        nn.Conv2d(6, 16, 5), nn.ReLU(), nn.MaxPool2d(2),
        nn.Flatten(), nn.Linear(400, 120), nn.ReLU(), nn.Linear(120, 84), nn.ReLU(), nn.Linear(84, num_classes),
    )


def train_reference(model: nn.Module, train_loader: torch.utils.data.DataLoader, epochs: int) -> nn.Module:
    """Adam at lr=1e-3 on the cross-entropy, ``epochs`` passes (scored, not compared: see ``score_accuracy``)."""
    loss_fn = nn.CrossEntropyLoss()
    optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)
    model.train()
    for _ in range(epochs):
        for images, labels in train_loader:
            optimizer.zero_grad()
            loss_fn(model(images), labels).backward()
            optimizer.step()
    return model
