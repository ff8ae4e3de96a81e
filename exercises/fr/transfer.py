"""Apprentissage par transfert : réutiliser les caractéristiques d'un réseau entraîné pour une nouvelle classification.

Complétez la fonction ci-dessous, puis lancez ``autograder check`` pour voir ce qu'elle donne.
"""

from __future__ import annotations

from torch import nn


def prepare_for_transfer(model: nn.Module, num_classes: int) -> nn.Module:
    r"""Fait d'un ResNet de torchvision un extracteur de caractéristiques gelé, doté d'une nouvelle tête de
    classification entraînable.

    ``model`` est un ``torchvision.models.ResNet`` (``resnet18``, ``resnet50``, ...). Sa dernière couche,
    ``model.fc``, est une ``nn.Linear(in_features, 1000)`` qui envoie les caractéristiques issues du pooling vers
    les 1000 classes d'ImageNet. Pour une nouvelle tâche à ``num_classes`` classes :

    1. gelez tous les paramètres que le modèle possède à ce stade : ``p.requires_grad = False``
       (``model.requires_grad_(False)`` le fait pour tous d'un coup), afin que l'entraînement laisse le tronc
       (*backbone*) tel quel ;
    2. remplacez ensuite ``model.fc`` par une nouvelle ``nn.Linear(model.fc.in_features, num_classes)`` (avec son
       biais). Les paramètres d'une couche neuve requièrent des gradients : la tête est donc la seule partie
       entraînable ;
    3. renvoyez le modèle. Le modifier sur place convient, mais renvoyez-le aussi.

    L'ordre compte : geler après le remplacement gèle aussi la nouvelle tête. Reprenez ``in_features`` de
    l'ancienne couche plutôt que d'écrire 512 : ``resnet18`` et ``resnet34`` ont 512 caractéristiques,
    ``resnet50`` et les autres ResNet à goulot d'étranglement (*bottleneck*) en ont 2048. Ne touchez à aucune autre
    couche (ni aux poids du tronc). Dans le résultat, ``model(x)`` transforme des images ``(B, 3, H, W)`` en logits
    ``(B, num_classes)``.

    Exemple : ``resnet18`` (11 689 512 paramètres) pour 5 classes reçoit ``fc = Linear(512, 5)`` ; alors
    512 * 5 + 5 = 2 565 paramètres sont entraînables, et tous les autres sont gelés.

    >>> from torchvision.models import resnet18
    >>> model = prepare_for_transfer(resnet18(weights=None), 5)
    >>> model.fc
    Linear(in_features=512, out_features=5, bias=True)
    >>> sum(p.numel() for p in model.parameters() if p.requires_grad)
    2565
    """
    raise NotImplementedError("prepare_for_transfer : gelez les paramètres, puis remplacez model.fc")
