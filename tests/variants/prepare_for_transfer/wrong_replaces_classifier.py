"""Wrong: replaces `model.classifier`, the head of VGG and AlexNet; a ResNet's head is `model.fc`, which stays."""

from torch import nn


def prepare_for_transfer(model, num_classes):
    for parameter in model.parameters():
        parameter.requires_grad = False
    model.classifier = nn.Linear(512, num_classes)
    return model
