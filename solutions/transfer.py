"""Transfer learning (solutions)."""

from __future__ import annotations

from torch import nn


def prepare_for_transfer(model: nn.Module, num_classes: int) -> nn.Module:
    """Freeze the ResNet, then give it a new trainable ``fc`` head with ``num_classes`` outputs."""
    for parameter in model.parameters():
        parameter.requires_grad = False
    model.fc = nn.Linear(model.fc.in_features, num_classes)
    return model
