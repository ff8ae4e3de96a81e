"""Transfer learning: reuse a trained network's features for a new classification task.

Fill in the function below, then run ``autograder check`` to see how it does.
"""

from __future__ import annotations

from torch import nn


def prepare_for_transfer(model: nn.Module, num_classes: int) -> nn.Module:
    r"""Turn a torchvision ResNet into a frozen feature extractor with a new, trainable classifier head.

    ``model`` is a ``torchvision.models.ResNet`` (``resnet18``, ``resnet50``, ...). Its last layer,
    ``model.fc``, is an ``nn.Linear(in_features, 1000)`` that maps the pooled features to ImageNet's
    1000 classes. For a new task with ``num_classes`` classes:

    1. freeze every parameter the model has now: ``p.requires_grad = False`` (``model.requires_grad_(False)``
       does it for all of them), so that training leaves the backbone as it is;
    2. then replace ``model.fc`` with a new ``nn.Linear(model.fc.in_features, num_classes)`` (with its bias).
       A new layer's parameters require gradients, so the head is the only trainable part;
    3. return the model. Changing it in place is fine, but return it too.

    The order matters: freezing after the replacement freezes the new head as well. Keep
    ``in_features`` from the old layer rather than writing 512: ``resnet18`` and ``resnet34`` have 512
    features, ``resnet50`` and the other bottleneck ResNets 2048. Leave every other layer (and the
    backbone's weights) untouched. In the result, ``model(x)`` maps images ``(B, 3, H, W)`` to logits
    ``(B, num_classes)``.

    Example: ``resnet18`` (11,689,512 parameters) for 5 classes gets ``fc = Linear(512, 5)``; then
    512 * 5 + 5 = 2,565 parameters are trainable and all the others are frozen.

    >>> from torchvision.models import resnet18
    >>> model = prepare_for_transfer(resnet18(weights=None), 5)
    >>> model.fc
    Linear(in_features=512, out_features=5, bias=True)
    >>> sum(p.numel() for p in model.parameters() if p.requires_grad)
    2565
    """
    raise NotImplementedError("prepare_for_transfer: freeze the parameters, then replace model.fc")
