"""Wrong: trains a copy of the model (to "keep the original safe") and returns the untrained original."""

import copy

import torch
from torch import nn


def build_lenet(num_classes):
    return nn.Sequential(
        nn.Conv2d(1, 6, 5), nn.ReLU(), nn.MaxPool2d(2),
        nn.Conv2d(6, 16, 5), nn.ReLU(), nn.MaxPool2d(2),
        nn.Flatten(),
        nn.Linear(400, 120), nn.ReLU(),
        nn.Linear(120, 84), nn.ReLU(),
        nn.Linear(84, num_classes),
    )


def train(model, train_loader, epochs):
    best = copy.deepcopy(model)
    optimizer = torch.optim.Adam(best.parameters(), lr=1e-3)
    loss_fn = nn.CrossEntropyLoss()
    best.train()
    for _ in range(epochs):
        for images, labels in train_loader:
            optimizer.zero_grad()
            loss_fn(best(images), labels).backward()
            optimizer.step()
    return model
