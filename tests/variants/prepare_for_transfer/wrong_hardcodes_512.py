"""Wrong: hard-codes resnet18's 512 features; bottleneck ResNets (resnet50, ...) end in 2048."""

from torch import nn


def prepare_for_transfer(model, num_classes):
    for parameter in model.parameters():
        parameter.requires_grad = False
    model.fc = nn.Linear(512, num_classes)
    return model
