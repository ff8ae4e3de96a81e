"""Entraîner un réseau convolutif : LeNet-5 sur des chiffres manuscrits.

Complétez les fonctions ci-dessous, puis lancez ``autograder check`` pour voir ce qu'elles donnent.

Les données : ``datasets/digits/`` contient les 1797 chiffres manuscrits de scikit-learn, en fichiers PNG 32x32 en
niveaux de gris, rangés selon la disposition ``ImageFolder`` de torchvision (``train/<digit>/*.png`` : 1442 images,
``test/<digit>/*.png`` : 355 images). Pour y essayer votre code ::

    import torch
    from torchvision import datasets, transforms

    to_tensor = transforms.Compose([transforms.Grayscale(), transforms.ToTensor()])  # (1, 32, 32) dans [0, 1]
    train_set = datasets.ImageFolder("datasets/digits/train", transform=to_tensor)
    train_loader = torch.utils.data.DataLoader(train_set, batch_size=32, shuffle=True)
    model = train(build_lenet(10), train_loader, epochs=10)
"""

from __future__ import annotations

import torch
from torch import nn


def build_lenet(num_classes: int) -> nn.Module:
    r"""LeNet-5 pour des images en niveaux de gris ``(B, 1, 32, 32)`` : renvoie un nouveau ``nn.Module``, non entraîné.

    Les couches, dans l'ordre (les formes sont celles d'une seule image) :

        (1, 32, 32)  -> Conv2d(1, 6, kernel_size=5)   -> (6, 28, 28)  -> activation -> pooling 2x2 -> (6, 14, 14)
        (6, 14, 14)  -> Conv2d(6, 16, kernel_size=5)  -> (16, 10, 10) -> activation -> pooling 2x2 -> (16, 5, 5)
        aplatir      -> 16 * 5 * 5 = 400 caractéristiques
        400 -> Linear(400, 120) -> activation -> Linear(120, 84) -> activation -> Linear(84, num_classes)

    Pas de remplissage : c'est le LeNet 32x32 d'origine (la variante 28x28 pour MNIST ajoute un remplissage de 2 à
    sa première convolution, et aplatirait ici 16 * 6 * 6 = 576 caractéristiques). Choisissez l'activation (ReLU,
    ou tanh comme en 1998) et le pooling (max ou moyenne) ; ils n'ont pas de paramètres. La sortie est un logit par
    classe, ``(B, num_classes)``, sans softmax : c'est ``nn.CrossEntropyLoss`` qui l'applique.

    Nombre de paramètres pour 10 classes : 156 + 2 416 + 48 120 + 10 164 + 850 = 61 706
    (une ``Conv2d(c_in, c_out, 5)`` en a ``c_out * (c_in * 25 + 1)``, une ``Linear(n, m)`` en a ``m * (n + 1)``).

    >>> model = build_lenet(10)
    >>> model(torch.zeros(4, 1, 32, 32)).shape
    torch.Size([4, 10])
    >>> sum(p.numel() for p in model.parameters())
    61706
    """
    raise NotImplementedError("build_lenet : empilez les couches données dans la docstring")


def train(model: nn.Module, train_loader: torch.utils.data.DataLoader, epochs: int) -> nn.Module:
    r"""Entraîne ``model`` sur ``train_loader`` pendant ``epochs`` passes sur les données ; renvoie le modèle entraîné.

    ``train_loader`` fournit des lots ``(images, labels)`` : ``images`` est ``(B, 1, 32, 32)``, en float32 dans
    [0, 1], ``labels`` est ``(B,)``, des indices de classe en int64 ; ses lots sont déjà mélangés. La boucle
    classique :

        loss_fn = nn.CrossEntropyLoss();  optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)
        model.train()
        répéter epochs fois, pour chaque (images, labels) de train_loader :
            optimizer.zero_grad()                        # sinon les gradients s'accumulent
            loss = loss_fn(model(images), labels)        # logits (B, C) face aux indices de classe (B,)
            loss.backward()                              # d loss / d paramètre, dans p.grad
            optimizer.step()                             # p <- p - update(p.grad)
        return model

    Placez chaque lot sur le même périphérique (*device*) que le modèle (``next(model.parameters()).device``)
    s'ils peuvent différer. Entraînez pendant exactement ``epochs`` époques.

    Comment c'est noté : le correcteur construit votre ``build_lenet(10)`` avec une graine fixée, appelle
    ``train(model, train_loader, epochs=10)`` (lots de 32, sur un seul thread CPU : cinq secondes sur une machine
    au repos ; la limite est de 90 s), puis évalue les prédictions du modèle entraîné sur les 355 images de test
    mises de côté, que votre code ne voit jamais. Une exactitude (*accuracy*) de 0.90 ou plus rapporte tous les
    points, de 0.50 ou moins aucun, et les points croissent linéairement entre les deux (0.70 en rapporte la
    moitié). LeNet-5 avec Adam à ``lr=1e-3`` atteint environ 0.97.
    """
    raise NotImplementedError("train : bouclez sur les époques et sur les lots, comme dans la docstring")
