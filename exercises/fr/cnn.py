"""Réseaux de neurones convolutifs.

Complétez les fonctions ci-dessous, puis lancez ``autograder check`` pour voir où elles en sont.
"""

from __future__ import annotations

import torch


def conv_output_size(input_size: int, kernel_size: int, stride: int = 1, padding: int = 0,
                     dilation: int = 1) -> int:
    r"""Longueur d'une dimension spatiale après une couche de convolution PyTorch
    (``nn.Conv1d``/``Conv2d``/``Conv3d``).

    PyTorch ajoute un remplissage de ``padding`` zéros des *deux* côtés de l'entrée, espace les
    ``kernel_size`` coefficients du noyau de ``dilation`` (il couvre donc ``dilation * (kernel_size - 1) + 1``
    positions), et le fait glisser avec un pas de ``stride``, en ne gardant que les positions où le noyau
    tient en entier :

        out = floor((input_size + 2 * padding - dilation * (kernel_size - 1) - 1) / stride) + 1

    Levez ``ValueError`` pour toute configuration que PyTorch refuse : ``input_size``, ``kernel_size``,
    ``stride`` ou ``dilation`` inférieur à 1, ``padding`` inférieur à 0, ou un noyau dilaté plus long que
    l'entrée après remplissage.

    Exemple : une entrée de largeur 7, noyau 2, pas 3, remplissage 1, dilatation 2 :
    floor((7 + 2 - 2 - 1) / 3) + 1 = floor(6 / 3) + 1 = 3.

    >>> conv_output_size(32, 3)
    30
    >>> conv_output_size(28, 5, padding=2)
    28
    """
    raise NotImplementedError("conv_output_size : calculer la formule de la docstring")


def conv2d(x: torch.Tensor, weight: torch.Tensor, bias: torch.Tensor | None = None,
           stride: int | tuple[int, int] = 1, padding: int | tuple[int, int] = 0,
           dilation: int | tuple[int, int] = 1, groups: int = 1) -> torch.Tensor:
    r"""Convolution 2-d, telle que la calcule ``torch.nn.functional.conv2d`` (une corrélation croisée : le
    noyau n'est pas retourné).

    Formes : ``x`` est ``(B, C_in, H, W)`` ou une seule image sans dimension de lot ``(C_in, H, W)`` ;
    ``weight`` est ``(C_out, C_in // groups, kH, kW)`` ; ``bias`` est ``(C_out,)`` ou ``None``. Le résultat
    est ``(B, C_out, H_out, W_out)`` (``(C_out, H_out, W_out)`` pour un ``x`` sans dimension de lot), avec
    ``H_out = floor((H + 2 * pH - dH * (kH - 1) - 1) / sH) + 1`` et de même pour ``W_out``.

    ``stride`` (le pas), ``padding`` (le remplissage) et ``dilation`` (la dilatation) sont un int (les deux
    axes) ou une paire ``(selon H, selon W)``. L'entrée reçoit ``padding`` zéros des deux côtés de chaque
    axe ; les coefficients du noyau sont espacés de ``dilation`` ; il avance de ``stride`` positions à la
    fois :

        out[b, o, i, j] = bias[o] + somme sur c, m, n de
                          weight[o, c, m, n] * x_padded[b, g * C_in_g + c, i * sH + m * dH, j * sW + n * dW]

    avec ``C_in_g = C_in // groups`` et ``g = o // (C_out // groups)`` le groupe du canal de sortie
    ``o`` : ``groups`` (les groupes) découpe les canaux en convolutions indépendantes, chacune ne voyant
    que ses propres ``C_in_g`` canaux d'entrée (``groups = C_in`` : la convolution en profondeur, un jeu
    de filtres par canal).

    Exemple : une image 3x3 ``[[1, 2, 3], [4, 5, 6], [7, 8, 9]]`` et un noyau 2x2 ``[[1, 0], [0, -1]]`` :
    ``out[0, 0] = 1*1 + 2*0 + 4*0 + 5*(-1) = -4``, et toutes les sorties valent -4 ici :
    ``[[-4, -4], [-4, -4]]``.

    Unfold (``torch.nn.functional.unfold``, im2col) suivi d'un produit matriciel, ou une boucle sur les
    coefficients du noyau, sont de bons points de départ. Les opérateurs de convolution de PyTorch
    (``F.conv2d``, ``nn.Conv2d``, ...) sont interdits.
    """
    raise NotImplementedError("conv2d : faire glisser le noyau sur l'entrée après remplissage (voir la docstring)")


def max_pool2d(x: torch.Tensor, kernel_size: int | tuple[int, int], stride: int | tuple[int, int] | None = None,
               padding: int | tuple[int, int] = 0) -> torch.Tensor:
    r"""Mise en commun (pooling) par maximum en 2-d, telle que la calcule ``torch.nn.functional.max_pool2d``
    (avec ses valeurs par défaut : pas de dilatation, arrondi par floor).

    ``x`` est ``(B, C, H, W)`` ou ``(C, H, W)`` ; chaque canal subit son propre pooling. Chaque sortie est la
    plus grande valeur d'une fenêtre ``kH x kW`` ; les fenêtres commencent tous les ``stride``.
    ``stride=None`` signifie ``stride = kernel_size`` (des fenêtres côte à côte, et non le pas de ``1`` d'une
    convolution). ``kernel_size``, ``stride`` et ``padding`` sont un int ou une paire ``(selon H, selon W)``.

    Le remplissage ajoute ``padding`` positions des deux côtés de chaque axe, qui ne peuvent jamais l'emporter :
    elles valent ``-inf``, pas zéro (une fenêtre entièrement négative au bord garde son propre maximum).
    PyTorch autorise au plus ``padding <= kernel_size // 2``. Seules les fenêtres entières comptent (floor) :

        H_out = floor((H + 2 * pH - kH) / sH) + 1          (idem pour W)

    Exemple : ``[[1, 2, 0, 5], [3, 4, 1, 1], [0, 0, 7, 0]]`` avec ``kernel_size=2`` : pas de 2, fenêtres sur
    les lignes 0-1 seulement (la ligne 2 est abandonnée par le floor), ce qui donne ``[[4, 5]]``.

    La sortie a le dtype de l'entrée. Les opérateurs de pooling de PyTorch sont interdits.
    """
    raise NotImplementedError("max_pool2d : prendre le maximum de chaque fenêtre (voir la docstring)")


def avg_pool2d(x: torch.Tensor, kernel_size: int | tuple[int, int], stride: int | tuple[int, int] | None = None,
               padding: int | tuple[int, int] = 0) -> torch.Tensor:
    r"""Mise en commun (pooling) par moyenne en 2-d, telle que la calcule ``torch.nn.functional.avg_pool2d``
    avec ses valeurs par défaut (``count_include_pad=True``, arrondi par floor).

    ``x`` est ``(B, C, H, W)`` ou ``(C, H, W)`` ; chaque canal subit son propre pooling. Chaque sortie est la
    moyenne d'une fenêtre ``kH x kW`` ; les fenêtres commencent tous les ``stride`` ; ``stride=None`` signifie
    ``stride = kernel_size``. ``kernel_size``, ``stride`` et ``padding`` sont un int ou une paire
    ``(selon H, selon W)``.

    Le remplissage ajoute ``padding`` zéros des deux côtés de chaque axe (au plus ``kernel_size // 2``), et
    ces zéros *comptent* : chaque fenêtre est divisée par ``kH * kW``, quel que soit le nombre de ses
    positions qui sont du remplissage. Seules les fenêtres entières comptent (floor) :

        H_out = floor((H + 2 * pH - kH) / sH) + 1          (idem pour W)

    Exemple : ``[[1, 2], [3, 4]]`` avec ``kernel_size=2, padding=1`` donne, après remplissage, une matrice
    4x4 entourée de zéros ; les fenêtres (pas de 2) contiennent chacune une valeur :
    ``[[1/4, 2/4], [3/4, 4/4]]``.

    La sortie a le dtype de l'entrée. Les opérateurs de pooling de PyTorch sont interdits.
    """
    raise NotImplementedError("avg_pool2d : moyenner chaque fenêtre, zéros du remplissage compris (voir la docstring)")


def conv_transpose_output_size(input_size: int, kernel_size: int, stride: int = 1, padding: int = 0,
                               output_padding: int = 0, dilation: int = 1) -> int:
    r"""Longueur d'une dimension spatiale après une convolution transposée PyTorch (``nn.ConvTranspose2d``...).

    Une convolution transposée applique à rebours la règle de forme d'une convolution : chaque position
    d'entrée étale le noyau dilaté (``dilation * (kernel_size - 1) + 1`` positions), ces copies commençant
    tous les ``stride`` ; ``padding`` est *retiré* aux deux bouts, et ``output_padding`` ajoute des positions
    à un seul bout :

        out = (input_size - 1) * stride - 2 * padding + dilation * (kernel_size - 1) + output_padding + 1

    ``output_padding`` existe parce que plusieurs tailles d'entrée donnent la même taille de sortie d'une
    convolution ; il choisit laquelle retrouver, et doit donc être plus petit que ``stride`` *ou* plus petit
    que ``dilation`` (PyTorch ne le refuse que s'il est au moins égal aux deux).

    Levez ``ValueError`` pour toute configuration que PyTorch refuse : ``input_size``, ``kernel_size``,
    ``stride`` ou ``dilation`` inférieur à 1, ``padding`` ou ``output_padding`` inférieur à 0,
    ``output_padding`` ni inférieur à ``stride`` ni inférieur à ``dilation``, ou un résultat inférieur à 1.

    Exemple : le suréchantillonneur de DCGAN, 16 positions, noyau 4, pas 2, remplissage 1 :
    (16 - 1) * 2 - 2 + 3 + 0 + 1 = 32.

    >>> conv_transpose_output_size(5, 3)
    7
    >>> conv_transpose_output_size(5, 3, stride=2, padding=1, output_padding=1)
    10
    """
    raise NotImplementedError("conv_transpose_output_size : calculer la formule de la docstring")


def conv_transpose2d(x: torch.Tensor, weight: torch.Tensor, bias: torch.Tensor | None = None,
                     stride: int | tuple[int, int] = 1, padding: int | tuple[int, int] = 0) -> torch.Tensor:
    r"""Convolution transposée 2-d, telle que la calcule ``torch.nn.functional.conv_transpose2d`` (sans
    groupes, sans dilatation, sans output padding).

    Formes : ``x`` est ``(B, C_in, H, W)`` ou ``(C_in, H, W)`` ; ``weight`` est ``(C_in, C_out, kH, kW)``
    (attention : les canaux d'entrée d'abord, la transposée de la disposition d'une convolution) ; ``bias``
    est ``(C_out,)`` ou ``None``. ``stride`` et ``padding`` sont un int ou une paire ``(selon H, selon W)``.

    Chaque pixel d'entrée *disperse* dans la sortie une copie du noyau, multipliée par sa valeur ; les copies
    commencent tous les ``stride`` et celles qui se chevauchent s'additionnent. Sur la sortie complète (non
    rognée) :

        full[b, o, i * sH + m, j * sW + n] += x[b, c, i, j] * weight[c, o, m, n]     pour tous c, i, j, m, n

    ``full`` est ``((H - 1) * sH + kH) x ((W - 1) * sW + kW)`` ; ``padding`` *retire* ensuite ``pH`` lignes en
    haut et en bas (``pW`` colonnes de chaque côté), et ``bias[o]`` est ajouté partout :

        H_out = (H - 1) * sH - 2 * pH + kH          (idem pour W)

    Exemple : une entrée 2x2 ``[[1, 2], [3, 4]]`` avec un noyau 2x2 de uns, pas 2 : chaque pixel remplit son
    propre bloc 2x2, ``[[1, 1, 2, 2], [1, 1, 2, 2], [3, 3, 4, 4], [3, 3, 4, 4]]`` ; avec un pas de 1 les blocs
    se chevauchent en une 3x3 ``[[1, 3, 2], [4, 10, 6], [3, 7, 4]]``.

    Un produit matriciel suivi de ``torch.nn.functional.fold`` (col2im), ou une boucle sur les coefficients
    du noyau, sont de bons points de départ. Les opérateurs de convolution de PyTorch sont interdits.
    """
    raise NotImplementedError("conv_transpose2d : disperser chaque pixel d'entrée via le noyau (voir la docstring)")


def conv2d_param_count(in_channels: int, out_channels: int, kernel_size: int | tuple[int, int], bias: bool = True,
                       groups: int = 1) -> int:
    r"""Combien de nombres apprenables contient
    ``nn.Conv2d(in_channels, out_channels, kernel_size, bias=bias, groups=groups)`` :
    ``sum(p.numel() for p in layer.parameters())``.

    Les poids forment un tenseur ``(out_channels, in_channels // groups, kH, kW)`` : chaque canal de sortie
    ne voit que les ``in_channels // groups`` canaux d'entrée de son groupe. Le biais ajoute un nombre par
    canal de sortie :

        count = out_channels * (in_channels // groups) * kH * kW + (out_channels si bias, sinon 0)

    ``kernel_size`` est un int (un noyau carré) ou une paire ``(kH, kW)``. Renvoyez un ``int``.

    Levez ``ValueError`` là où ``nn.Conv2d`` le fait : ``groups`` inférieur à 1, ou ``groups`` qui ne divise
    pas ``in_channels`` ou ne divise pas ``out_channels``.

    Exemple : une couche de convolution en profondeur 3x3 sur 32 canaux (``groups=32``) :
    32 * 1 * 3 * 3 + 32 = 320, là où la couche ordinaire (``groups=1``) en a 32 * 32 * 9 + 32 = 9248.

    >>> conv2d_param_count(3, 16, 3)
    448
    """
    raise NotImplementedError("conv2d_param_count : compter les coefficients des poids et du biais (voir la docstring)")


def depthwise_separable_conv2d(x: torch.Tensor, depthwise_weight: torch.Tensor, pointwise_weight: torch.Tensor,
                               depthwise_bias: torch.Tensor | None = None, pointwise_bias: torch.Tensor | None = None,
                               stride: int | tuple[int, int] = 1, padding: int | tuple[int, int] = 0,
                               dilation: int | tuple[int, int] = 1) -> torch.Tensor:
    r"""La convolution séparable en profondeur de MobileNet : une convolution *en profondeur* qui filtre
    chaque canal séparément, puis une convolution *ponctuelle* 1x1 qui mélange les canaux. Telle que PyTorch
    la calcule :

        y   = F.conv2d(x, depthwise_weight, depthwise_bias, stride, padding, dilation, groups=C)
        out = F.conv2d(y, pointwise_weight, pointwise_bias)

    Formes : ``x`` est ``(B, C, H, W)`` ou une seule image sans dimension de lot ``(C, H, W)``.
    ``depthwise_weight`` est ``(C * M, 1, kH, kW)`` : ``M`` filtres par canal d'entrée (le multiplicateur de
    profondeur, en général 1), le filtre ``m`` du canal ``c`` à la ligne ``c * M + m`` ; ``depthwise_bias``
    est ``(C * M,)`` ou ``None``. ``pointwise_weight`` est ``(C_out, C * M, 1, 1)``, ``pointwise_bias``
    ``(C_out,)`` ou ``None``. ``stride`` (le pas), ``padding`` (le remplissage, des zéros des deux côtés) et
    ``dilation`` (la dilatation), un int ou une paire ``(selon H, selon W)``, appartiennent à l'étape en
    profondeur ; l'étape ponctuelle a un pas de 1 et aucun remplissage. Avec ``x_padded`` l'entrée après
    remplissage :

        y[b, c*M + m, i, j] = depthwise_bias[c*M + m] + somme sur p, q de
                              depthwise_weight[c*M + m, 0, p, q] * x_padded[b, c, i*sH + p*dH, j*sW + q*dW]
        out[b, o, i, j]     = pointwise_bias[o] + somme sur k de pointwise_weight[o, k, 0, 0] * y[b, k, i, j]

    Le résultat est ``(B, C_out, H_out, W_out)`` (``(C_out, H_out, W_out)`` sans dimension de lot), avec
    ``H_out = floor((H + 2 * pH - dH * (kH - 1) - 1) / sH) + 1`` et de même pour ``W_out``.

    Pourquoi : par pixel de sortie, une convolution ``kH x kW`` de C vers C_out canaux fait
    ``C_out * C * kH * kW`` multiplications, la convolution séparable ``C * M * kH * kW + C_out * C * M`` :
    pour un noyau 3x3 et 64 -> 128 canaux, 73 728 contre 8 768, soit 8,4 fois moins.

    Exemple : deux canaux 2x2 ``[[1, 2], [3, 4]]`` et ``[[5, 6], [7, 8]]``, des filtres en profondeur 2x2 de
    uns pour le canal 0 et ``[[1, 0], [0, -1]]`` pour le canal 1, sans biais : ``y`` vaut ``10`` et
    ``5 - 8 = -3`` (un pixel par canal) ; des poids ponctuels ``[[1, 2]]`` (forme ``(1, 2, 1, 1)``) les
    mélangent en ``10 + 2 * -3 = 4``.

    >>> x = torch.tensor([[[1.0, 2.0], [3.0, 4.0]], [[5.0, 6.0], [7.0, 8.0]]])
    >>> depthwise = torch.tensor([[[[1.0, 1.0], [1.0, 1.0]]], [[[1.0, 0.0], [0.0, -1.0]]]])
    >>> depthwise_separable_conv2d(x, depthwise, torch.tensor([[[[1.0]], [[2.0]]]]))
    tensor([[[4.]]])

    Unfold ou une boucle sur les coefficients du noyau pour l'étape en profondeur, et un produit matriciel ou
    ``einsum`` pour l'étape ponctuelle, sont de bons points de départ. Les opérateurs de convolution de
    PyTorch sont interdits.
    """
    raise NotImplementedError("depthwise_separable_conv2d : filtrer chaque canal seul, puis les mélanger (1x1)")


def separable_param_count(in_channels: int, out_channels: int, kernel_size: int | tuple[int, int],
                          bias: bool = True) -> int:
    r"""Combien de nombres apprenables contient une convolution séparable en profondeur : ses deux couches,
    ``nn.Conv2d(in_channels, in_channels, kernel_size, groups=in_channels, bias=bias)`` (en profondeur) et
    ``nn.Conv2d(in_channels, out_channels, 1, bias=bias)`` (ponctuelle), comptés comme
    ``sum(p.numel() for p in layer.parameters())`` sur les deux.

    La couche en profondeur contient un filtre ``kH x kW`` par canal, ``(in_channels, 1, kH, kW)`` ; la
    couche ponctuelle des poids ``(out_channels, in_channels, 1, 1)``. ``bias`` donne à chaque couche un
    nombre par canal de sortie :

        count = in_channels * kH * kW + in_channels * out_channels
                + (in_channels + out_channels si bias, sinon 0)

    ``kernel_size`` est un int (un noyau carré) ou une paire ``(kH, kW)``. Renvoyez un ``int``. Levez
    ``ValueError`` là où ``nn.Conv2d`` le fait : ``in_channels`` inférieur à 1 (les ``groups`` de la couche
    en profondeur).

    Exemple : le bloc 3x3 de MobileNet de 32 à 64 canaux : 32 * 9 + 32 * 64 + 32 + 64 = 2 432, là où
    ``nn.Conv2d(32, 64, 3)`` en contient 64 * 32 * 9 + 64 = 18 496.

    >>> separable_param_count(32, 64, 3)
    2432
    """
    raise NotImplementedError("separable_param_count : compter poids et biais des deux couches (voir la docstring)")
