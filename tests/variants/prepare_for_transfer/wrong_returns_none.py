"""Wrong: changes the model in place correctly but forgets to return it."""

from torch import nn


def prepare_for_transfer(model, num_classes):
    for parameter in model.parameters():
        parameter.requires_grad = False
    model.fc = nn.Linear(model.fc.in_features, num_classes)
