"""Les bases : neurone, activations, fonctions de perte, un pas de descente de gradient, normalisation par lot.

Complétez les fonctions ci-dessous, puis lancez ``autograder check`` pour voir ce qu'elles donnent. Chacune doit
renvoyer ce que renvoie l'opérateur de PyTorch lui-même (nommé dans sa docstring), avec la même forme et le même
dtype ; cet opérateur (ou son module), c'est précisément ce que l'exercice vous demande d'écrire vous-même :
l'appeler ne rapporte aucun point.
"""

from __future__ import annotations

import torch


def linear_forward(x: torch.Tensor, weight: torch.Tensor, bias: torch.Tensor | None = None) -> torch.Tensor:
    r"""Une couche entièrement connectée, exactement comme la calcule ``torch.nn.functional.linear`` :

        y = x W^T + b

    - ``x`` : ``(*, in_features)``, avec un nombre quelconque d'axes en tête, y compris aucun : un vecteur seul
      ``(in,)`` donne ``(out,)``, un lot ``(B, in)`` donne ``(B, out)``, ``(B, T, in)`` donne ``(B, T, out)``.
    - ``weight`` : ``(out_features, in_features)``, une ligne par neurone de sortie (attention à la transposée).
    - ``bias`` : ``(out_features,)`` ou ``None`` (pas de biais).

    Renvoie ``(*, out_features)``, dans le dtype de ``x``.

    Exemple : ``x = [1., 2.]``, ``weight = [[1., 0.], [0.5, -1.]]``, ``bias = [0., 1.]`` :
    ``y = [1*1 + 0*2 + 0, 0.5*1 - 1*2 + 1] = [1.0, -0.5]``.
    """
    raise NotImplementedError("linear_forward : multipliez par le poids transposé, puis ajoutez le biais s'il existe")


def relu(x: torch.Tensor) -> torch.Tensor:
    r"""L'unité linéaire rectifiée (ReLU), élément par élément, comme ``torch.relu`` :

        relu(x) = max(x, 0)

    Toute forme (un tenseur à 0 dimension aussi) ; le résultat a la forme et le dtype de ``x`` (float16 et
    bfloat16 compris).

    Exemple : ``relu([-1.5, 0., 2.]) = [0., 0., 2.]``.
    """
    raise NotImplementedError("relu : gardez les valeurs positives, remplacez les autres par 0")


def leaky_relu(x: torch.Tensor, negative_slope: float = 0.01) -> torch.Tensor:
    r"""La ReLU « à fuite » (leaky ReLU), élément par élément, comme ``torch.nn.functional.leaky_relu`` :

        leaky_relu(x) = x                    si x > 0
                        negative_slope * x   sinon

    ``negative_slope`` peut valoir n'importe quel nombre, y compris 0 et des valeurs supérieures à 1
    (``max(x, negative_slope * x)`` n'est la même fonction que tant que la pente vaut au plus 1). Toute forme ;
    la forme et le dtype de ``x``.

    Exemple : ``leaky_relu([-2., 3.], negative_slope=0.1) = [-0.2, 3.]``.
    """
    raise NotImplementedError("leaky_relu : x là où il est positif, negative_slope * x ailleurs")


def elu(x: torch.Tensor, alpha: float = 1.0) -> torch.Tensor:
    r"""L'unité linéaire exponentielle (ELU), élément par élément, comme ``torch.nn.functional.elu`` :

        elu(x) = x                      si x > 0
                 alpha * (exp(x) - 1)   sinon

    Toute forme ; la forme et le dtype de ``x``. Les entrées peuvent être grandes (exp(100) déborde vers inf en
    float32) : l'exponentielle ne doit pas se retrouver dans le résultat là où x > 0 (``inf * 0`` donne NaN).
    ``torch.expm1(x)`` calcule exp(x) - 1 sans perdre les chiffres significatifs près de 0.

    Exemple : ``elu([-1., 0., 2.]) = [exp(-1) - 1, 0., 2.] = [-0.6321, 0., 2.]`` ; avec ``alpha=2``, la première
    valeur vaut -1.2642.
    """
    raise NotImplementedError("elu : x là où il est positif, alpha * (exp(x) - 1) ailleurs")


def sigmoid(x: torch.Tensor) -> torch.Tensor:
    r"""La sigmoïde logistique, élément par élément, comme ``torch.sigmoid``, numériquement stable pour les grands |x| :

        sigmoid(x) = 1 / (1 + exp(-x)) = exp(x) / (1 + exp(x))

    Les deux formes sont égales sur le papier, mais pas en virgule flottante : exp déborde vers inf au-delà de
    x = 88.7 en float32, de 709.8 en float64 et de seulement 11.09 en float16, et ``inf / inf`` donne NaN.
    N'exponentiez que des nombres négatifs ou nuls : avec ``e = exp(-|x|)`` (jamais supérieur à 1),

        sigmoid(x) = 1 / (1 + e)   si x >= 0
                     e / (1 + e)   si x <  0

    Toute forme ; la forme et le dtype de ``x``, float16 et bfloat16 compris (pour ces deux-là, calculer en float32
    puis reconvertir, comme le fait PyTorch, convient aussi). Les entrées vont jusqu'à |x| = 1000.

    Exemple : ``sigmoid([0., 2., -1000., 1000.]) = [0.5, 0.8808, 0., 1.]``.
    """
    raise NotImplementedError("sigmoid : utilisez exp(-|x|) et choisissez la forme selon le signe de x")


def softmax(x: torch.Tensor, dim: int = -1) -> torch.Tensor:
    r"""Le softmax selon l'axe ``dim``, comme ``torch.softmax``, numériquement stable :

        softmax(x)_i = exp(x_i - m) / sum_j exp(x_j - m),   m = max_j x_j

    où i et j parcourent l'axe ``dim``, chaque position sur les autres axes formant une tranche à part. Soustraire
    le maximum propre à la tranche ne change rien sur le papier et empêche exp de déborder (exp(1000) vaut inf, même en
    float64) : chaque tranche a son propre m, car des tranches peuvent être très éloignées l'une de l'autre (une
    ligne autour de 1000, une autre autour de -1000). ``dim`` peut être négatif (``-1`` est le dernier axe). Toute
    forme ; la forme et le dtype de ``x``. (Le raccourci ``exp(x - logsumexp(x))`` est égal sur le papier, mais
    près de x = 1000 le float32 arrondit logsumexp par pas de 6e-5, et chaque probabilité hérite de cette erreur :
    décalez d'abord par le maximum.)

    Exemple : ``softmax([1., 2., 3.]) = [0.0900, 0.2447, 0.6652]`` ; ``softmax([1000., 1001.]) = [0.2689, 0.7311]`` ;
    ``softmax([[1., 1.], [0., 2.]], dim=0) = [[0.7311, 0.2689], [0.2689, 0.7311]]``.
    """
    raise NotImplementedError("softmax : soustrayez le max selon dim, exponentiez, divisez par la somme selon dim")


def mse_loss(y_hat: torch.Tensor, y: torch.Tensor) -> torch.Tensor:
    r"""L'erreur quadratique moyenne, comme ``torch.nn.functional.mse_loss`` (réduction ``"mean"``) :

        L = (1 / n) * sum_i (y_hat_i - y_i)^2

    où i parcourt *tous* les éléments et n est leur nombre (``numel``), quelle que soit la forme.
    ``y_hat`` et ``y`` ont la même forme (un tenseur à 0 dimension compris). Renvoie un tenseur à 0 dimension de
    leur dtype (pas un float Python).

    Exemple : ``y_hat = [1., 2., 3.]``, ``y = [1., 0., 5.]`` : ``L = (0 + 4 + 4) / 3 = 2.6667``.
    """
    raise NotImplementedError("mse_loss : élevez les différences au carré, faites la moyenne sur tous les éléments")


def binary_cross_entropy(y_hat: torch.Tensor, y: torch.Tensor) -> torch.Tensor:
    r"""L'entropie croisée binaire, comme ``torch.nn.functional.binary_cross_entropy`` (réduction ``"mean"``) :

        L = -(1 / n) * sum_i [ y_i * log(y_hat_i) + (1 - y_i) * log(1 - y_hat_i) ]

    - ``y_hat`` : des probabilités prédites dans [0, 1], *0 et 1 compris* ; ``y`` : des cibles dans [0, 1]
      (étiquettes dures 0/1 ou étiquettes souples), de même forme. n est le nombre d'éléments ; renvoie un tenseur
      à 0 dimension.
    - PyTorch borne chaque log par le bas à -100 avant de multiplier : ``log(0)`` compte pour -100, si bien qu'une
      prédiction certaine et fausse coûte 100 (et non inf), et qu'une prédiction certaine et juste coûte 0 (et non
      ``0 * -inf = NaN``). Faites de même ; borner plutôt ``y_hat`` à [eps, 1 - eps] donne d'autres nombres.

    Exemple : ``y_hat = [0.8, 0.1]``, ``y = [1., 0.]`` : ``L = -(log 0.8 + log 0.9) / 2 = 0.1643`` ;
    ``y_hat = [0., 1.]``, ``y = [1., 1.]`` : ``L = (100 + 0) / 2 = 50``.
    """
    raise NotImplementedError("binary_cross_entropy : bornez chaque log à -100, puis faites la moyenne")


def gradient_descent_step(w: torch.Tensor, b: torch.Tensor, x: torch.Tensor, y: torch.Tensor,
                          lr: float) -> tuple[torch.Tensor, torch.Tensor]:
    r"""Un pas de descente de gradient sur le lot complet, pour une régression linéaire avec l'erreur quadratique
    moyenne.

        y_hat = x @ w + b
        L     = mean((y_hat - y)^2)                  (sur les N * K éléments, comme F.mse_loss)
        dL/dw = 2 / (N * K) * x^T (y_hat - y)
        dL/db = 2 / (N * K) * somme sur les N exemples de (y_hat - y)
        w' = w - lr * dL/dw,   b' = b - lr * dL/db

    Formes : ``x`` est ``(N, D)``. Une sortie : ``w`` est ``(D,)``, ``b`` un tenseur à 0 dimension, ``y`` ``(N,)``
    et K = 1. K sorties : ``w`` est ``(D, K)``, ``b`` ``(K,)``, ``y`` ``(N, K)`` (K = 1 est permis ici aussi).
    ``lr`` est un float Python. Renvoie le tuple ``(w', b')``, avec les formes et le dtype de ``w`` et de ``b``.
    La référence du correcteur est l'autograd suivi de ``torch.optim.SGD(lr=lr)`` sur ``F.mse_loss`` ; ici, c'est
    vous qui calculez le gradient : ``backward()`` et ``torch.autograd.grad`` comptent comme des appels à la
    référence.

    Exemple : ``x = [[1.], [2.]]``, ``y = [2., 4.]``, ``w = [0.]``, ``b = 0.``, ``lr = 0.1`` : y_hat - y =
    [-2, -4], dL/dw = 2/2 * (1*-2 + 2*-4) = -10, dL/db = 2/2 * (-6) = -6, donc ``w' = [1.0]`` et ``b' = 0.6``.
    """
    raise NotImplementedError("gradient_descent_step : calculez le résidu, les deux gradients, puis faites le pas")


def batch_norm_train(x: torch.Tensor, gamma: torch.Tensor, beta: torch.Tensor, eps: float = 1e-5) -> torch.Tensor:
    r"""La normalisation par lot en mode entraînement, comme ``torch.nn.functional.batch_norm(x, None, None, gamma,
    beta, training=True, eps=eps)`` :

        mu_c      = moyenne du canal c sur le lot (et sur tous ses pixels)
        sigma^2_c = moyenne de (x - mu_c)^2 sur ces valeurs   (biaisée : divisez par leur nombre, pas par nombre - 1)
        y         = gamma_c * (x - mu_c) / sqrt(sigma^2_c + eps) + beta_c

    Notez le *plus* : beaucoup de diapositives impriment sqrt(sigma^2 - eps), une coquille (on prendrait la racine
    d'un nombre négatif sur un canal constant). eps se trouve sous la racine carrée.

    - ``x`` : ``(N, C)``, statistiques sur les N lignes de chaque colonne ; ou ``(N, C, H, W)``, statistiques sur
      les N * H * W valeurs de chaque canal (axes 0, 2 et 3).
    - ``gamma``, ``beta`` : ``(C,)``. Renvoie la forme et le dtype de ``x``. (Pas de statistiques glissantes ici.)

    Exemple : ``x = [[1.], [3.]]`` (N = 2, C = 1), ``gamma = [1.]``, ``beta = [0.]`` : mu = 2, sigma^2 = 1,
    y = [[-1/sqrt(1 + 1e-5)], [1/sqrt(1 + 1e-5)]] = [[-0.999995], [0.999995]].
    """
    raise NotImplementedError("batch_norm_train : normalisez chaque canal par la moyenne et la variance biaisée du lot")
