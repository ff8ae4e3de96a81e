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


# -- classic mistakes of build_lenet (each plays the student's build_lenet)


def build_lenet_softmax_output(num_classes: int) -> nn.Module:
    """Ends with a softmax: probabilities where the statement asks for logits."""
    return nn.Sequential(build_lenet_reference(num_classes), nn.Softmax(dim=1))


def build_lenet_log_softmax_output(num_classes: int) -> nn.Module:
    """Ends with a log-softmax: log-probabilities where the statement asks for logits."""
    return nn.Sequential(build_lenet_reference(num_classes), nn.LogSoftmax(dim=1))


def build_lenet_num_classes_hard_coded(num_classes: int) -> nn.Module:
    """Ten outputs, the digits' class count, whatever num_classes says."""
    return build_lenet_reference(10)


def build_lenet_missing_hidden_linear(num_classes: int) -> nn.Module:
    """One hidden Linear layer (400 -> 84) instead of two (400 -> 120 -> 84)."""
    return nn.Sequential(
        nn.Conv2d(1, 6, 5), nn.ReLU(), nn.MaxPool2d(2),
        nn.Conv2d(6, 16, 5), nn.ReLU(), nn.MaxPool2d(2),
        nn.Flatten(), nn.Linear(400, 84), nn.ReLU(), nn.Linear(84, num_classes),
    )
