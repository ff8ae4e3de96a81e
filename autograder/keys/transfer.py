"""The hand-written references of ``autograder.specs.transfer``: their code is the answer (see
``autograder.core.key``). Never part of a student release."""

from __future__ import annotations

from torch import nn


def prepare_for_transfer_reference(model: nn.Module, num_classes: int) -> nn.Module:
    """Freeze every parameter, then replace ``model.fc`` with a new ``Linear(in_features, num_classes)``."""
    model.requires_grad_(False)
    # nn.Module's __getattr__ is typed as returning ``Tensor | Module``: the stubs cannot know that a ResNet's
    # ``fc`` is an nn.Linear (a check or a cast here would also change the text the release looks for)
    model.fc = nn.Linear(model.fc.in_features, num_classes)  # type: ignore[union-attr, arg-type]
    return model


# -- classic mistakes of prepare_for_transfer (each plays the student's function)


def prepare_for_transfer_backbone_not_frozen(model: nn.Module, num_classes: int) -> nn.Module:
    """Replaces the head but never freezes the backbone."""
    model.fc = nn.Linear(model.fc.in_features, num_classes)  # type: ignore[union-attr, arg-type]
    return model


def prepare_for_transfer_head_frozen_too(model: nn.Module, num_classes: int) -> nn.Module:
    """Freezes after replacing the head: the new head is frozen as well."""
    model.fc = nn.Linear(model.fc.in_features, num_classes)  # type: ignore[union-attr, arg-type]
    return model.requires_grad_(False)


def prepare_for_transfer_in_features_hard_coded(model: nn.Module, num_classes: int) -> nn.Module:
    """A new head for 512 features, resnet18's, whatever the backbone ends in."""
    model.requires_grad_(False)
    model.fc = nn.Linear(512, num_classes)
    return model


def prepare_for_transfer_head_not_replaced(model: nn.Module, num_classes: int) -> nn.Module:
    """Freezes all but the existing fc, which keeps ImageNet's 1000 outputs."""
    model.requires_grad_(False)
    model.fc.requires_grad_(True)
    return model


def prepare_for_transfer_replaces_classifier(model: nn.Module, num_classes: int) -> nn.Module:
    """Sets a new ``model.classifier`` (VGG's and AlexNet's head, on 512 features): a ResNet never calls it,
    and its ``fc`` stays."""
    model.requires_grad_(False)
    model.classifier = nn.Linear(512, num_classes)
    return model
