"""Augmentation de données : de nouvelles images d'entraînement à partir de celles que vous avez, en les
recadrant et en les retournant comme dans un miroir.

Complétez la fonction ci-dessous, puis lancez ``autograder check`` pour voir où elle en est.
"""

from __future__ import annotations

import torch


def crop_and_flip(images: torch.Tensor, top: int, left: int, height: int, width: int,
                  flip: bool) -> torch.Tensor:
    r"""Découpe une fenêtre ``height x width`` dans chaque image, puis la retourne de gauche à droite quand
    ``flip`` est vrai : ``transforms.v2.functional.crop(images, top, left, height, width)`` de torchvision,
    suivi de ``transforms.v2.functional.horizontal_flip`` quand ``flip`` est vrai (ce que font ``RandomCrop``
    et ``RandomHorizontalFlip`` avec la position et le pile ou face qu'ils tirent).

    ``images`` est un lot ``(N, C, H, W)`` ou une seule image ``(C, H, W)``, de n'importe quel dtype (pixels
    ``uint8`` ou flottants) ; chaque image et chaque canal reçoit la même fenêtre. Le résultat a le dtype et
    les axes de tête de l'entrée : ``(N, C, height, width)`` ou ``(C, height, width)``.

    Le pixel en haut à gauche de la fenêtre est la ligne ``top``, colonne ``left`` de l'image (les lignes se
    comptent vers le bas, les colonnes vers la droite, à partir de 0). Avant tout retournement :

        out[..., i, j] = images[..., top + i, left + j]     si 0 <= top + i < H et 0 <= left + j < W
        out[..., i, j] = 0                                   sinon

    La fenêtre peut donc déborder de l'image de n'importe quel côté (``top`` ou ``left`` négatif,
    ``top + height > H``, ``left + width > W``, ou une fenêtre plus grande que l'image) : ce qui tombe
    hors de l'image se lit comme zéro, comme si l'image avait d'abord reçu un remplissage de zéros
    (``RandomCrop(padding=4)`` compte dessus). Attention : un indice négatif dans une tranche Python
    compte à partir de la fin, il ne remplit pas de zéros. ``height`` et ``width`` valent au moins 1, et la
    fenêtre partage toujours au moins une ligne et une colonne avec l'image.

    ``flip`` (un bool Python) inverse ensuite l'ordre des colonnes de la fenêtre, le dernier axe :
    ``out[..., i, j]`` devient ``out[..., i, width - 1 - j]``. Les lignes (un retournement vertical) restent
    telles quelles, et le retournement horizontal s'applique à la *fenêtre*, pas à l'image avant le
    recadrage.

    Exemple : une image à 1 canal ``[[1, 2, 3], [4, 5, 6]]`` (forme ``(1, 2, 3)``) ; ``top=0, left=1``,
    ``height=2, width=3`` : la dernière colonne de la fenêtre tombe hors de l'image, le recadrage donne donc
    ``[[2, 3, 0], [5, 6, 0]]``, et retourné ``[[0, 3, 2], [0, 6, 5]]``.

    >>> image = torch.tensor([[[1, 2, 3], [4, 5, 6]]])
    >>> crop_and_flip(image, 0, 1, 2, 3, flip=True)
    tensor([[[0, 3, 2],
             [0, 6, 5]]])

    Le découpage en tranches, ``torch.zeros`` (ou ``torch.nn.functional.pad``) et ``torch.flip(x, dims=...)``,
    qui inverse les axes qu'on lui donne, suffisent. Les fonctions de recadrage et de retournement de
    torchvision sont interdites.
    """
    raise NotImplementedError("crop_and_flip : découper la fenêtre (zéros hors de l'image), inverser ses colonnes")
