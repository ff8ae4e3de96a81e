"""Correct: freezes the whole model with requires_grad_(False), then installs the new head."""

from torch import nn


def prepare_for_transfer(model, num_classes):
    model.requires_grad_(False)
    model.fc = nn.Linear(model.fc.in_features, num_classes)
    return model
