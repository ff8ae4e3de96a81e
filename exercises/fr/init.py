"""Initialisation et régularisation : poids initiaux de Xavier et de Kaiming, abandon (dropout), pénalité L2.

Complétez les fonctions ci-dessous, puis lancez ``autograder check`` pour voir ce qu'elles donnent.
``xavier_uniform`` et ``kaiming_normal`` doivent tirer exactement les nombres que ``torch.nn.init`` tire du même
générateur ; ``dropout`` est noté sur son comportement (le tirage de son masque vous revient). Appeler la
fonction de ``torch.nn.init`` ou ``F.dropout`` (ou ``nn.Dropout``), c'est justement ce que l'exercice vous demande
d'écrire vous-même, et cela ne rapporte aucun point ; les fonctions aléatoires de torch (``torch.rand``,
``torch.randn``, ``Tensor.uniform_``, ``torch.bernoulli``...) sont à votre disposition.

Chaque fonction aléatoire prend un ``generator`` (un ``torch.Generator``) : tirez vos nombres de celui-ci, et de
lui seul, pour qu'un générateur initialisé avec la même graine donne les mêmes nombres ; avec ``generator=None``,
tirez-les du générateur global de torch, celui qu'initialise ``torch.manual_seed``.
"""

from __future__ import annotations

import torch


def xavier_uniform(fan_out: int, fan_in: int, gain: float = 1.0,
                   generator: torch.Generator | None = None) -> torch.Tensor:
    r"""L'initialisation de Xavier (Glorot) uniforme d'une couche à ``fan_in`` entrées et ``fan_out`` sorties,
    exactement comme dans ``torch.nn.init.xavier_uniform_(torch.empty(fan_out, fan_in), gain, generator=generator)`` :

        a = gain * sqrt(6 / (fan_in + fan_out))
        W ~ Uniform(-a, a),  forme (fan_out, fan_in)

    La forme est celle de ``nn.Linear(fan_in, fan_out).weight`` : une ligne par sortie. Une loi uniforme sur
    (-a, a) a pour variance a^2 / 3, donc Var(W) = gain^2 * 2 / (fan_in + fan_out) : le compromis entre conserver
    l'échelle des activations dans le sens direct (1 / fan_in) et celle des gradients pendant la rétropropagation
    (1 / fan_out).

    Pour tirer exactement les nombres de PyTorch, tirez-les tous, les ``fan_out * fan_in``, en un seul appel, dans
    cette forme, à partir de ``generator`` : ``torch.rand(fan_out, fan_in, generator=generator)`` ramené à
    (-a, a), ou ``Tensor.uniform_(-a, a, generator=generator)``. Renvoie un tenseur float32.

    >>> xavier_uniform(2, 3, generator=torch.Generator().manual_seed(0))
    tensor([[-0.0082,  0.5876, -0.9016],
            [-0.8062, -0.4219,  0.2938]])
    """
    raise NotImplementedError("xavier_uniform : calculez la borne a, puis tirez uniformément dans (-a, a)")


def kaiming_normal(fan_out: int, fan_in: int, a: float = 0.0, mode: str = "fan_in", nonlinearity: str = "leaky_relu",
                   generator: torch.Generator | None = None) -> torch.Tensor:
    r"""L'initialisation de He (Kaiming) normale des poids, exactement comme dans
    ``torch.nn.init.kaiming_normal_(torch.empty(fan_out, fan_in), a, mode, nonlinearity, generator=generator)`` :

        std = gain / sqrt(fan),   fan = fan_in (mode="fan_in", par défaut) ou fan_out (mode="fan_out")
        W ~ Normal(0, std^2),     forme (fan_out, fan_in)

    avec le gain de la non-linéarité qui suit la couche, tel que le donne ``torch.nn.init.calculate_gain`` :

        "linear", "sigmoid": 1     "tanh": 5 / 3     "relu": sqrt(2)     "selu": 3 / 4
        "leaky_relu": sqrt(2 / (1 + a^2)), où a est sa pente négative (a = 0 par défaut : le sqrt(2) de relu)

    ``a`` ne compte que pour "leaky_relu". ``mode="fan_in"`` conserve la variance des activations à travers la
    couche, ``"fan_out"`` celle des gradients qui reviennent pendant la rétropropagation. (PyTorch lève
    ``ValueError`` pour un autre mode ou une autre non-linéarité ; ces cas ne sont pas notés ici.) Calculez le gain
    vous-même : ``torch.nn.init.calculate_gain`` compte comme un appel à la référence.

    Tirez les ``fan_out * fan_in`` nombres en un seul appel, dans cette forme, à partir de ``generator`` :
    ``torch.randn(fan_out, fan_in, generator=generator)`` multiplié par std, ou
    ``Tensor.normal_(0, std, generator=generator)``. Renvoie un tenseur float32.

    >>> kaiming_normal(2, 3, generator=torch.Generator().manual_seed(0))
    tensor([[ 1.2582, -0.2396, -1.7790],
            [ 0.4641, -0.8855, -1.1419]])
    """
    raise NotImplementedError("kaiming_normal : trouvez le gain et le fan, puis tirez des normales multipliées par std")


def dropout(x: torch.Tensor, p: float, training: bool = True, generator: torch.Generator | None = None) -> torch.Tensor:
    r"""L'abandon (dropout) inversé, tel que le calcule ``torch.nn.functional.dropout(x, p, training)`` :

        en entraînement :    mask ~ Bernoulli(1 - p), un tirage indépendant par élément (1 : gardé, 0 : abandonné)
                             y = x * mask / (1 - p)
        hors entraînement :  y = x

    Chaque élément est abandonné avec la probabilité p, et ceux qui sont gardés sont multipliés par 1 / (1 - p),
    si bien que l'espérance de chaque élément reste x et qu'il n'y a rien à remettre à l'échelle au moment de
    l'évaluation, où l'abandon ne fait rien. p = 0 garde tout (y = x) ; p = 1 abandonne tout (y = 0 : attention
    à la division par 1 - p = 0).

    - ``x`` : une forme quelconque, float32 ou float64, sur n'importe quel périphérique (*device*) ; le résultat a
      sa forme, son dtype et son périphérique.
    - Tirez un nouveau masque à chaque appel, à partir de ``generator`` quand il est fourni
      (``torch.rand(x.shape, generator=generator, dtype=x.dtype, device=x.device)``, ou
      ``Tensor.bernoulli_(1 - p, generator=generator)``), sinon à partir du générateur global de torch.

    Noté sur ses propriétés, et non sur un masque particulier : chaque élément vaut 0 ou x / (1 - p) ; le nombre
    d'éléments abandonnés est proche de p * x.numel() (à moins de 5 écarts-types de la loi binomiale) ; les masques
    diffèrent d'un appel à l'autre, et entre éléments voisins, comme le font des tirages indépendants ; deux
    générateurs initialisés avec la même graine donnent le même masque ; hors entraînement, on obtient x lui-même.

    >>> y = dropout(torch.ones(1000), 0.25, generator=torch.Generator().manual_seed(0))
    >>> sorted(set(y.tolist()))
    [0.0, 1.3333333730697632]
    >>> 200 < int((y == 0).sum()) < 300
    True
    >>> dropout(torch.ones(3), 0.25, training=False)
    tensor([1., 1., 1.])
    """
    raise NotImplementedError("dropout : tirez un masque qui garde avec probabilité 1 - p, puis remettez à l'échelle")


def l2_penalty(params: list[torch.Tensor], weight_decay: float) -> torch.Tensor:
    r"""Le terme de régularisation L2, la pénalité que l'on ajoute à une fonction de perte :

        penalty = weight_decay / 2 * (somme sur chaque tenseur p de params de sum(p^2))

    Son gradient par rapport à chaque p vaut weight_decay * p : exactement ce que le ``weight_decay`` de SGD ajoute
    au gradient (voir ``sgd_step`` dans ``optim.py``), et c'est pour cela que le 1/2 est là.

    - ``params`` : une liste non vide de tenseurs de formes quelconques (dimension 0 comprise), tous du même dtype.
    - Renvoie un tenseur de dimension 0 dans ce dtype, construit avec des opérations sur les tenseurs (pas de
      ``.item()``, pas de float Python), pour qu'il reste différentiable une fois ajouté à une perte.

    >>> l2_penalty([torch.tensor([1.0, 2.0]), torch.tensor([[3.0]])], weight_decay=0.1)
    tensor(0.7000)
    """
    raise NotImplementedError("l2_penalty : sommez les carrés de chaque tenseur, puis multipliez par weight_decay / 2")
