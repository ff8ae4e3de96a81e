"""Optimiseurs : un pas de SGD avec moment, un pas d'Adam, et l'arrêt précoce.

Complétez les fonctions ci-dessous, puis lancez ``autograder check`` pour voir ce qu'elles donnent. ``sgd_step``
et ``adam_step`` doivent donner exactement ce que donne un ``.step()`` de ``torch.optim.SGD`` / ``torch.optim.Adam``,
avec les mêmes formes et les mêmes dtypes ; construire un optimiseur de ``torch.optim`` (ou appeler ses fonctions
de mise à jour, ou les opérateurs ``torch._foreach_*`` qu'elles exécutent sur GPU), c'est justement ce que
l'exercice vous demande d'écrire vous-même, et cela ne rapporte aucun point. L'arithmétique des tenseurs (``+``,
``*``, ``sqrt``, ``lerp``, ``add_``...) est à votre disposition.
"""

from __future__ import annotations

import torch


def sgd_step(params: list[torch.Tensor], grads: list[torch.Tensor], momentum_buffers: list[torch.Tensor | None],
             lr: float, momentum: float = 0.0, dampening: float = 0.0, weight_decay: float = 0.0,
             nesterov: bool = False) -> tuple[list[torch.Tensor], list[torch.Tensor | None]]:
    r"""Un pas de descente de gradient stochastique, exactement comme
    ``torch.optim.SGD(params, lr, momentum, dampening, weight_decay, nesterov).step()``. Pour chaque paramètre
    ``p``, avec son gradient ``g`` et son tampon de moment (*momentum*) ``b`` :

        g = g + weight_decay * p                     (la décroissance des poids L2 s'ajoute d'abord au gradient)
        si momentum != 0 :
            b = g                                    si b vaut None (premier pas : pas encore d'amortissement)
            b = momentum * b + (1 - dampening) * g   sinon
            g = g + momentum * b                     si nesterov (on regarde en avant, le long de la nouvelle vitesse)
            g = b                                    sinon
        p = p - lr * g

    - ``params``, ``grads`` : des listes de tenseurs de formes quelconques (un tenseur de dimension 0 aussi),
      ``grads[i]`` ayant la forme et le dtype de ``params[i]``.
    - ``momentum_buffers`` : une entrée par paramètre, ``None`` avant le premier pas, puis le tampon renvoyé par le
      pas précédent (une entrée peut valoir ``None`` alors que les autres ne le valent pas).
    - Renvoie ``(new_params, new_buffers)`` : deux listes ; ``new_buffers[i]`` est ``b`` après le pas, et reste
      ``None`` quand il n'y a pas de moment (``momentum == 0``). Renvoyez de nouveaux tenseurs, dans les dtypes des
      entrées.

    Comme le fait le constructeur de l'optimiseur, levez ``ValueError`` pour ``lr < 0``, ``momentum < 0`` ou
    ``weight_decay < 0``, ainsi que pour ``nesterov=True``, sauf si ``momentum > 0`` et ``dampening == 0``.

    Deux pas avec un moment de 0.9 : le premier tampon est le gradient lui-même, le second ajoute le nouveau
    gradient à 0.9 fois le premier.

    >>> new_params, new_buffers = sgd_step([torch.tensor([1.0, 2.0])], [torch.tensor([0.5, -1.0])], [None],
    ...                                    lr=0.1, momentum=0.9)
    >>> new_params
    [tensor([0.9500, 2.1000])]
    >>> new_buffers
    [tensor([ 0.5000, -1.0000])]
    >>> sgd_step(new_params, [torch.tensor([0.5, -1.0])], new_buffers, lr=0.1, momentum=0.9)
    ([tensor([0.8550, 2.2900])], [tensor([ 0.9500, -1.9000])])
    """
    raise NotImplementedError("sgd_step : décroissance, mise à jour du tampon (premier pas : le gradient), puis le pas")


def adam_step(param: torch.Tensor, grad: torch.Tensor, exp_avg: torch.Tensor, exp_avg_sq: torch.Tensor, step: int,
              lr: float = 1e-3, betas: tuple[float, float] = (0.9, 0.999), eps: float = 1e-8,
              weight_decay: float = 0.0) -> tuple[torch.Tensor, torch.Tensor, torch.Tensor]:
    r"""Un pas d'Adam, exactement comme ``torch.optim.Adam([param], lr, betas, eps, weight_decay).step()``, où
    ``step`` = t numérote ce pas (1 pour le premier) et ``(beta1, beta2) = betas`` :

        g      = grad + weight_decay * param                 (décroissance L2 dans le gradient, AdamW la fait à part)
        m      = beta1 * exp_avg + (1 - beta1) * g           (moyenne mobile exponentielle des gradients)
        v      = beta2 * exp_avg_sq + (1 - beta2) * g^2      (moyenne mobile exponentielle de leurs carrés)
        m_hat  = m / (1 - beta1^t)                           (correction du biais)
        v_hat  = v / (1 - beta2^t)                           (correction du biais)
        param' = param - lr * m_hat / (sqrt(v_hat) + eps)    (eps hors de la racine carrée)

    Avant le premier pas, les deux moments sont nuls, ce qui les biaise vers 0 : la correction élimine ce biais en
    divisant (à t = 1, m_hat = g et v_hat = g^2, si bien que chaque élément bouge d'environ lr, quelle que soit la
    taille de son gradient).

    - ``param``, ``grad``, ``exp_avg``, ``exp_avg_sq`` : une même forme (quelconque, dimension 0 comprise) et un
      même dtype.
    - Renvoie ``(param', m, v)``, chacun dans la forme et le dtype de ``param`` ; ``m`` et ``v`` sont les moments
      *sans* la correction : ce sont les ``exp_avg`` et ``exp_avg_sq`` du pas suivant.

    Comme le fait le constructeur de l'optimiseur, levez ``ValueError`` pour ``lr < 0``, ``eps < 0``,
    ``weight_decay < 0`` ou un bêta hors de [0, 1).

    Exemple : ``param = [1.]``, ``grad = [0.5]``, des moments nuls, t = 1, lr = 0.1 : m = 0.05, v = 0.00025,
    m_hat = 0.5, v_hat = 0.25, param' = 1 - 0.1 * 0.5 / (0.5 + 1e-8) = 0.9.

    >>> adam_step(torch.tensor([1.0]), torch.tensor([0.5]), torch.zeros(1), torch.zeros(1), step=1, lr=0.1)
    (tensor([0.9000]), tensor([0.0500]), tensor([0.0003]))
    """
    raise NotImplementedError("adam_step : mettez à jour les deux moments, corrigez leur biais, puis faites le pas")


def early_stopping(val_losses: list[float], patience: int, min_delta: float = 0.0) -> tuple[int, int]:
    r"""L'époque après laquelle l'arrêt précoce met fin à l'entraînement, et l'époque dont il garde les poids.

    ``val_losses[e]`` est la perte de validation mesurée après l'époque ``e`` (les époques sont numérotées à partir
    de 0). Parcourez les époques en gardant la meilleure perte vue jusque-là (``val_losses[0]`` au départ) et le
    nombre d'époques sans amélioration (0 au départ) :

    - l'époque ``e`` apporte une amélioration quand ``best - val_losses[e] > min_delta``, au sens strict : une perte
      égale, ou un gain d'exactement ``min_delta``, n'est pas une amélioration. Sa perte devient la meilleure, ``e``
      la meilleure époque, et le compteur revient à 0 ;
    - sinon, le compteur augmente de un (et la meilleure perte reste ce qu'elle était : un gain inférieur à
      ``min_delta`` ne la déplace pas, si bien que les époques suivantes sont comparées à la meilleure, et non à
      l'époque d'avant). Quand le compteur atteint ``patience``, l'entraînement s'arrête après l'époque ``e``.

    Renvoie ``(stop_epoch, best_epoch)``, deux entiers : l'époque après laquelle l'entraînement s'arrête (la
    dernière, ``len(val_losses) - 1``, si le compteur n'atteint jamais ``patience``) et la meilleure époque à ce
    moment-là, celle dont vous restaureriez les poids.

    Levez ``ValueError`` pour ``patience < 1`` (une patience de 0 arrêterait l'entraînement avant même qu'une époque
    ait pu ne pas s'améliorer), pour ``min_delta < 0`` et pour une liste ``val_losses`` vide.

    Ci-dessous, l'époque 1 est la meilleure ; les époques 2 et 3 ne font pas mieux que 0.8, donc l'entraînement
    s'arrête après l'époque 3. Avec ``min_delta = 0.25``, l'époque 1 gagne exactement 0.25 (ce n'est pas une
    amélioration) et l'époque 2 gagne 0.375 (la nouvelle meilleure).

    >>> early_stopping([1.0, 0.8, 0.9, 0.85, 0.95], patience=2)
    (3, 1)
    >>> early_stopping([1.0, 0.75, 0.625, 0.5], patience=2, min_delta=0.25)
    (3, 2)
    """
    raise NotImplementedError("early_stopping : suivez la meilleure perte et les époques passées sans amélioration")
