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
