"""Wrong: freezes after replacing the head, so the new head is frozen too and nothing can train."""

from torch import nn


def prepare_for_transfer(model, num_classes):
    model.fc = nn.Linear(model.fc.in_features, num_classes)
    for parameter in model.parameters():
        parameter.requires_grad = False
    return model
