"""Réseaux récurrents.

Complétez les fonctions ci-dessous, puis lancez ``autograder check`` pour voir ce qu'elles donnent.
"""

from __future__ import annotations

import torch


def gru_step(x: torch.Tensor, h: torch.Tensor, weight_ih: torch.Tensor, weight_hh: torch.Tensor,
             bias_ih: torch.Tensor | None = None, bias_hh: torch.Tensor | None = None) -> torch.Tensor:
    r"""Un pas de temps d'un GRU, exactement comme le calcule ``torch.nn.GRUCell``.

    Formes : ``x`` est ``(B, I)`` et ``h`` est ``(B, H)`` pour un lot ; ``x`` est ``(I,)`` et ``h`` est ``(H,)``
    pour une séquence seule, et le résultat est alors ``(H,)`` lui aussi. ``weight_ih`` est ``(3H, I)``,
    ``weight_hh`` est ``(3H, H)``, ``bias_ih`` et ``bias_hh`` sont ``(3H,)`` ou ``None`` (l'un, l'autre ou les
    deux ; ``None`` n'ajoute rien). Chaque matrice de poids empile trois portes par lignes, dans l'ordre r (porte
    de réinitialisation, *reset*), z (porte de mise à jour, *update*), n (nouvel état candidat, *new*) :
    ``W_ir = weight_ih[:H]``, ``W_iz = weight_ih[H:2H]``, ``W_in = weight_ih[2H:]``, et de même pour
    ``weight_hh``, ``bias_ih`` et ``bias_hh``. Ci-dessous, ``W x`` signifie ``x @ W.T`` sur un lot de lignes.

        r  = sigmoid(W_ir x + b_ir + W_hr h + b_hr)
        z  = sigmoid(W_iz x + b_iz + W_hz h + b_hz)
        n  = tanh(W_in x + b_in + r * (W_hn h + b_hn))
        h' = (1 - z) * n + z * h

    Le lien avec le GRU du cours, c<t> = Γu * c~<t> + (1 - Γu) * c<t-1> avec
    c~<t> = tanh(W_c [Γr * c<t-1>, x<t>] + b_c) :

    - Le ``z`` de PyTorch est la porte qui *conserve* l'ancien état : ``z`` joue donc le rôle de ``1 - Γu``. Là
      où ``z`` est proche de 1, la cellule garde ``h`` en mémoire ; là où il est proche de 0, elle prend le nouveau
      ``n``.
    - La porte de réinitialisation multiplie ``W_hn h + b_hn``, *après* le produit matriciel et son biais ; le
      cours multiplie ``c<t-1>`` *avant* ce produit (``Γr * c<t-1>``). Ce sont deux fonctions différentes ;
      PyTorch et cuDNN utilisent la première, et vous devez faire de même.
    - Chaque porte a deux biais ; ``b_ir + b_hr`` et ``b_iz + b_hz`` s'additionnent simplement, mais ``b_hn`` se
      trouve à l'intérieur du produit par la porte de réinitialisation, alors que ``b_in`` n'y est pas.

    Exemple avec I = H = 1, tous les poids à 0 et ``bias_hh = [0, 0, 2]`` : r = z = sigmoid(0) = 0.5,
    n = tanh(0.5 * 2) = 0.7616, h' = 0.5 * 0.7616 + 0.5 * h ; pour h = 2, cela donne 1.3808.

    >>> gru_step(torch.tensor([3.0]), torch.tensor([2.0]), torch.zeros(3, 1), torch.zeros(3, 1),
    ...          None, torch.tensor([0.0, 0.0, 2.0]))
    tensor([1.3808])
    """
    raise NotImplementedError("gru_step : calculez r, z, n et le nouvel état caché comme dans la docstring")


def rnn_step(x: torch.Tensor, h: torch.Tensor, weight_ih: torch.Tensor, weight_hh: torch.Tensor,
             bias_ih: torch.Tensor | None = None, bias_hh: torch.Tensor | None = None) -> torch.Tensor:
    r"""Un pas de temps d'un RNN simple (d'Elman) avec tanh, exactement comme le calcule ``torch.nn.RNNCell``.

    Formes : ``x`` est ``(B, I)`` et ``h`` est ``(B, H)`` pour un lot ; ``x`` est ``(I,)`` et ``h`` est ``(H,)``
    pour une séquence seule, et le résultat est alors ``(H,)`` lui aussi. ``weight_ih`` est ``(H, I)``,
    ``weight_hh`` est ``(H, H)``, ``bias_ih`` et ``bias_hh`` sont ``(H,)`` ou ``None`` (l'un, l'autre ou les deux ;
    ``None`` n'ajoute rien). Ci-dessous, ``W x`` signifie ``x @ W.T`` sur un lot de lignes.

        h' = tanh(W_ih x + b_ih + W_hh h + b_hh)

    Le lien avec le a<t> = tanh(W_aa a<t-1> + W_ax x<t> + b_a) du cours : ``weight_ih`` est W_ax,
    ``weight_hh`` est W_aa, et PyTorch garde deux biais dont la somme est b_a.

    - ``weight_hh`` est carrée, donc ``h @ weight_hh`` a elle aussi la bonne forme : c'est pourtant faux (la
      transposée de W_hh n'est pas W_hh). Seul ``h @ weight_hh.T`` vaut W_hh h.
    - Les opérateurs de PyTorch pour ce pas (``nn.RNNCell``, ``nn.RNN``) ne sont pas autorisés ici.

    Exemple avec I = 2, H = 1 : ``weight_ih = [[1, -1]]``, ``weight_hh = [[0.5]]``, ``bias_hh = [0.25]``,
    pas de ``bias_ih``, x = [2, 1] et h = [1] : h' = tanh(2 - 1 + 0.5 * 1 + 0.25) = tanh(1.75) = 0.9414.

    >>> rnn_step(torch.tensor([2.0, 1.0]), torch.tensor([1.0]), torch.tensor([[1.0, -1.0]]),
    ...          torch.tensor([[0.5]]), None, torch.tensor([0.25]))
    tensor([0.9414])
    """
    raise NotImplementedError("rnn_step : calculez tanh(W_ih x + b_ih + W_hh h + b_hh) comme dans la docstring")


def lstm_step(x: torch.Tensor, h: torch.Tensor, c: torch.Tensor, weight_ih: torch.Tensor,
              weight_hh: torch.Tensor, bias_ih: torch.Tensor | None = None,
              bias_hh: torch.Tensor | None = None) -> tuple[torch.Tensor, torch.Tensor]:
    r"""Un pas de temps d'un LSTM, exactement comme le calcule ``torch.nn.LSTMCell`` : renvoie ``(h', c')``.

    Formes : ``x`` est ``(B, I)``, ``h`` et ``c`` sont ``(B, H)`` pour un lot ; ``(I,)``, ``(H,)`` et ``(H,)``
    pour une séquence seule, et les deux résultats sont alors ``(H,)`` eux aussi. ``weight_ih`` est ``(4H, I)``,
    ``weight_hh`` est ``(4H, H)``, ``bias_ih`` et ``bias_hh`` sont ``(4H,)`` ou ``None`` (l'un, l'autre ou les
    deux). Chaque matrice de poids empile quatre portes par lignes, dans l'ordre i (porte d'entrée, *input*),
    f (porte d'oubli, *forget*), g (candidat pour la cellule, *cell candidate*), o (porte de sortie, *output*) :
    ``W_ii = weight_ih[:H]``, ``W_if = weight_ih[H:2H]``, ``W_ig = weight_ih[2H:3H]``, ``W_io = weight_ih[3H:]``,
    et de même pour ``weight_hh`` et les biais. ``W x`` signifie ``x @ W.T``.

        i  = sigmoid(W_ii x + b_ii + W_hi h + b_hi)
        f  = sigmoid(W_if x + b_if + W_hf h + b_hf)
        g  = tanh(W_ig x + b_ig + W_hg h + b_hg)
        o  = sigmoid(W_io x + b_io + W_ho h + b_ho)
        c' = f * c + i * g
        h' = o * tanh(c')

    - Dans les notations du cours, i est Γu, f est Γf, g est c~<t> et o est Γo.
    - L'ordre est celui de PyTorch : i, f, g, o. D'autres codes rangent les blocs autrement (i, f, o, g dans
      CS231n, par exemple) ; avec les poids de PyTorch, seul l'ordre i, f, g, o est correct.
    - Les biais sont utilisés tels quels : rien n'est ajouté à la porte d'oubli (le ``unit_forget_bias`` de
      Keras est une initialisation, pas une partie du pas).
    - Renvoyez la paire dans l'ordre de LSTMCell, ``(h', c')``. Les opérateurs LSTM de PyTorch (``nn.LSTMCell``,
      ``nn.LSTM``) ne sont pas autorisés ici.

    Exemple avec I = H = 1, tous les poids nuls, pas de ``bias_ih``, ``bias_hh = [0, 0, 1, 0]``, h = 0.5 et
    c = 2 : i = f = o = sigmoid(0) = 0.5 et g = tanh(1) = 0.7616, donc c' = 0.5 * 2 + 0.5 * 0.7616 = 1.3808
    et h' = 0.5 * tanh(1.3808) = 0.4406.

    >>> lstm_step(torch.tensor([3.0]), torch.tensor([0.5]), torch.tensor([2.0]), torch.zeros(4, 1),
    ...           torch.zeros(4, 1), None, torch.tensor([0.0, 0.0, 1.0, 0.0]))
    (tensor([0.4406]), tensor([1.3808]))
    """
    raise NotImplementedError("lstm_step : calculez les portes i, f, g, o, puis c' et h', et renvoyez (h', c')")


def gru_sequence(x: torch.Tensor, h0: torch.Tensor, weight_ih: torch.Tensor, weight_hh: torch.Tensor,
                 bias_ih: torch.Tensor | None = None,
                 bias_hh: torch.Tensor | None = None) -> tuple[torch.Tensor, torch.Tensor]:
    r"""Déroule un GRU sur toute une séquence, comme le fait un ``torch.nn.GRU`` à une couche (``batch_first=False``).

    Les formes suivent ``nn.GRU`` (la séquence d'abord, et un 1 en tête des états, pour son unique couche et son
    unique direction) :

        x        (T, B, I)   x[t] contient le pas de temps t de chaque séquence du lot
        h0       (1, B, H)   l'état initial
        output   (T, B, H)   output[t] est l'état caché après le pas t (h0 lui-même n'y figure pas)
        h_n      (1, B, H)   le dernier état caché : h_n[0] est égal à output[-1]

    Les poids et les biais sont ceux de ``gru_step`` (portes r, z, n empilées par lignes) : ``weight_ih`` est
    ``(3H, I)``, ``weight_hh`` est ``(3H, H)``, ``bias_ih`` et ``bias_hh`` sont ``(3H,)`` ou ``None``.

        h = h0[0]                                  (B, H)
        for t = 0 .. T-1:  h = gru_step(x[t], h, ...);  output[t] = h
        h_n = h, avec son 1 de tête remis          (1, B, H)

    - Chaque pas a besoin de l'état produit par le précédent : une boucle Python sur les T pas de temps est donc
      la bonne solution ; vectorisez à l'intérieur d'un pas, pas d'un pas à l'autre. (Les projections des entrées
      W_i* x[t] ne dépendent pas de h : les calculer pour tous les pas d'un coup est une accélération facultative.)
    - Vous pouvez appeler votre ``gru_step`` ci-dessus. Les opérateurs GRU de PyTorch (``nn.GRU``, ``nn.GRUCell``)
      ne sont pas autorisés ici.
    - T >= 1 ; chaque cas fournit ``h0``.

    Exemple avec T = 2, B = I = H = 1, tous les poids nuls, pas de ``bias_ih``, ``bias_hh = [0, 0, 2]`` et
    h0 = [[[2.]]] : chaque pas calcule h' = 0.5 * tanh(1) + 0.5 * h (l'exemple de ``gru_step``), si bien que le
    pas 0 donne 1.3808 et le pas 1 donne 0.5 * 0.7616 + 0.5 * 1.3808 = 1.0712.

    >>> output, h_n = gru_sequence(torch.tensor([[[3.0]], [[-1.0]]]), torch.tensor([[[2.0]]]),
    ...                            torch.zeros(3, 1), torch.zeros(3, 1), None, torch.tensor([0.0, 0.0, 2.0]))
    >>> output
    tensor([[[1.3808]],
    <BLANKLINE>
            [[1.0712]]])
    >>> h_n
    tensor([[[1.0712]]])
    """
    raise NotImplementedError("gru_sequence : bouclez sur le temps, gardez chaque état caché et renvoyez les deux")
