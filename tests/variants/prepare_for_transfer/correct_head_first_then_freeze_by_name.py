"""Correct: replaces the head first, then freezes every parameter whose name is not under fc."""

import torch.nn as nn


def prepare_for_transfer(model: nn.Module, num_classes: int) -> nn.Module:
    features = model.fc.weight.shape[1]
    model.fc = nn.Linear(features, num_classes, bias=True)
    for name, parameter in model.named_parameters():
        parameter.requires_grad = name.startswith("fc.")
    return model
