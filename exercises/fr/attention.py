"""Mécanismes d'attention.

Complétez les fonctions ci-dessous, puis lancez ``autograder check`` pour voir où elles en sont.
"""

from __future__ import annotations

import torch


def scaled_dot_product_attention(query: torch.Tensor, key: torch.Tensor, value: torch.Tensor,
                                 attn_mask: torch.Tensor | None = None, is_causal: bool = False,
                                 scale: float | None = None) -> torch.Tensor:
    r"""L'attention par produit scalaire mis à l'échelle, comme ``torch.nn.functional.scaled_dot_product_attention``
    (sans dropout).

    Formes : ``query`` est ``(..., L, E)``, ``key`` ``(..., S, E)``, ``value`` ``(..., S, Ev)`` et le résultat
    ``(..., L, Ev)``. ``...`` désigne un nombre quelconque de dimensions de lot initiales, y compris
    aucune (une requête ``(L, E)`` toute simple) ; en général L et S diffèrent, de même que E et Ev.

        scores  = query @ key^T * scale            (..., L, S) ; key^T n'échange que les deux dernières dims
        weights = softmax(scores + mask, sur S)    les poids de chaque requête sur les clés somment à 1
        output  = weights @ value                  (..., L, Ev)

    - ``scale`` vaut par défaut ``1 / sqrt(E)``, E étant la largeur de la requête et de la clé (pas celle
      de la valeur).
    - ``attn_mask`` se diffuse (broadcast) en ``(..., L, S)`` et existe sous deux formes. Booléen : ``True``
      signifie que la paire participe, ``False`` qu'elle est écartée (son score devient -inf avant le
      softmax). Flottant : il est ajouté aux scores (les entrées ``-inf`` écartent une paire).
    - ``is_causal=True`` ne laisse la requête ``i`` voir que les clés ``j <= i`` (masque causal) : le
      triangle inférieur d'une matrice ``(L, S)``, calé sur le coin supérieur gauche même quand L != S
      (``torch.ones(L, S).tril()``).
    - On ne vous donne jamais ``attn_mask`` avec ``is_causal=True`` (PyTorch refuse cette combinaison), et
      aucun masque ne laisse une requête sans aucune clé.

    Exemple, une requête qui porte son attention sur deux clés, avec E = 1 : ``query = [[2.]]``,
    ``key = [[1.], [0.]]``, ``value = [[10.], [20.]]``. Les scores valent ``[2, 0]`` (échelle
    1/sqrt(1) = 1), les poids softmax([2, 0]) = ``[0.8808, 0.1192]``, et la sortie
    ``0.8808 * 10 + 0.1192 * 20 = 11.19``. Avec ``attn_mask = [[False, True]]``, seule la seconde clé
    compte et la sortie vaut ``20``.

    >>> scaled_dot_product_attention(torch.tensor([[2.0]]), torch.tensor([[1.0], [0.0]]),
    ...                              torch.tensor([[10.0], [20.0]]))
    tensor([[11.1920]])
    """
    raise NotImplementedError("scaled_dot_product_attention : scores, masque, softmax sur les clés, somme pondérée")


def multi_head_self_attention(x: torch.Tensor, num_heads: int, in_proj_weight: torch.Tensor,
                              in_proj_bias: torch.Tensor | None, out_proj_weight: torch.Tensor,
                              out_proj_bias: torch.Tensor | None, key_padding_mask: torch.Tensor | None = None,
                              is_causal: bool = False) -> torch.Tensor:
    r"""L'auto-attention à plusieurs têtes : ce que renvoie
    ``torch.nn.MultiheadAttention(E, num_heads, batch_first=True)`` pour ``(x, x, x)`` (sa première sortie)
    quand il contient ces poids.

    Formes : ``x`` est ``(B, L, E)``, ou ``(L, E)`` pour une seule séquence sans lot (le résultat
    a la forme de ``x``). ``in_proj_weight`` est ``(3E, E)`` : les lignes de W_q, W_k et W_v empilées dans
    cet ordre ; ``in_proj_bias`` est ``(3E,)`` ou ``None`` ; ``out_proj_weight`` est ``(E, E)``,
    ``out_proj_bias`` ``(E,)`` ou ``None``. Chacune des ``num_heads`` têtes d'attention travaille sur
    ``d = E / num_heads`` caractéristiques consécutives.

        q, k, v   = x W_q^T + b_q,  x W_k^T + b_k,  x W_v^T + b_v          chacun (B, L, E)
        découpe   (B, L, E) -> (B, L, heads, d) -> (B, heads, L, d)        view, puis échange de L et heads
        head_i    = softmax(q_i k_i^T / sqrt(d)) v_i                       (B, heads, L, d), échelle par d, pas E
        fusion    (B, heads, L, d) -> (B, L, heads, d) -> (B, L, E)        caractéristiques de la tête 0 d'abord
        output    = merged W_o^T + b_o                                     (B, L, E)

    - ``key_padding_mask`` est de forme ``(B, L)`` (``(L,)`` sans lot), booléen, et ``True`` y marque une
      position de remplissage (padding) qu'aucune requête ne doit regarder : c'est la convention de
      PyTorch, l'inverse de celle d'un ``attn_mask`` booléen. Il masque des clés (des colonnes des scores),
      jamais des requêtes.
    - ``is_causal=True`` : la position ``i`` ne regarde que les positions ``j <= i``. Il peut être combiné
      avec un ``key_padding_mask`` ; une paire est alors écartée dès que l'un des deux masques l'écarte.
      Aucune requête ne se retrouve sans clé.
    - Vous pouvez appeler votre propre ``scaled_dot_product_attention`` ci-dessus (pas celle de PyTorch).

    Exemple : avec une seule tête, ``in_proj_weight`` formé de trois matrices identité empilées, sans biais,
    et un ``out_proj_weight`` identité, le résultat est ``scaled_dot_product_attention(x, x, x)``. Avec deux
    têtes, les caractéristiques ``0 .. d-1`` de chaque position forment la tête 0 et les caractéristiques
    ``d .. 2d-1`` la tête 1, chacune soumise à l'attention séparément.
    """
    raise NotImplementedError("multi_head_self_attention : projeter, séparer les têtes, attention, fusionner, projeter")


def sinusoidal_positional_encoding(seq_len: int, d_model: int) -> torch.Tensor:
    r"""L'encodage positionnel sinusoïdal de « Attention Is All You Need » (Vaswani et al., 2017, section 3.5).

    Renvoie un tenseur float32 de forme ``(seq_len, d_model)`` : la ligne ``pos`` est ce qu'on ajoute au
    plongement du jeton à la position ``pos``, pour les positions ``0 .. seq_len - 1``.

        PE[pos, 2i]     = sin(pos / 10000^(2i / d_model))
        PE[pos, 2i + 1] = cos(pos / 10000^(2i / d_model))

    - Les colonnes vont par paires entrelacées (sinus, cosinus) qui partagent une même fréquence : la
      colonne ``j`` appartient à la paire ``i = j // 2``, et l'exposant des deux colonnes d'une paire est
      ``2i / d_model`` : l'indice *pair* de la paire (celui de sa colonne sinus) divisé par ``d_model``
      (la colonne cosinus ``2i + 1`` n'utilise pas ``(2i + 1) / d_model``). Ce n'est pas la disposition
      « tous les sinus d'abord, puis tous les cosinus » de certaines bibliothèques.
    - Un ``d_model`` impair est permis : les paires remplissent les colonnes ``0 .. d_model - 2`` et la
      dernière colonne, ``d_model - 1``, est d'indice pair, donc un sinus, d'exposant
      ``(d_model - 1) / d_model``.
    - Les positions commencent à 0 : la ligne 0 vaut ``[0, 1, 0, 1, ...]``.
    - Le résultat est en float32, quel que soit le type dans lequel vous calculez. Les angles float32
      ``pos * frequency`` perdent environ ``pos * 6e-8`` à l'arrondi ; le correcteur tolère une erreur
      absolue de 1e-4 (une formule fausse s'en écarte de bien plus).

    Exemple, ``seq_len = 3``, ``d_model = 4`` (fréquences 1 et 1/100) :

        [[0.0000,  1.0000, 0.0000, 1.0000],
         [0.8415,  0.5403, 0.0100, 0.9999],      sin 1, cos 1, sin 0.01, cos 0.01
         [0.9093, -0.4161, 0.0200, 0.9998]]      sin 2, cos 2, sin 0.02, cos 0.02

    Avec ``d_model = 5``, les fréquences sont 1, 10000^(-2/5) = 0.0251 et 10000^(-4/5) = 0.000631, et la
    ligne 1 vaut ``[sin 1, cos 1, sin 0.0251, cos 0.0251, sin 0.000631]``.
    """
    raise NotImplementedError("sinusoidal_positional_encoding : sinus aux colonnes paires, cosinus aux impaires")


def layer_norm(x: torch.Tensor, normalized_shape: int | tuple[int, ...], weight: torch.Tensor | None = None,
               bias: torch.Tensor | None = None, eps: float = 1e-5) -> torch.Tensor:
    r"""La normalisation par couche (layer normalization), comme ``torch.nn.functional.layer_norm``.

    ``normalized_shape`` désigne les dimensions finales de ``x`` sur lesquelles normaliser : un entier (la
    dernière) ou un tuple des tailles des dernières dimensions. Pour ``x`` de forme ``(B, S, E)``, ``E`` ou ``(E,)``
    normalise séparément les E caractéristiques de chaque position ; ``(S, E)`` normalise chaque séquence
    d'un bloc. Chaque indice des premières dimensions a sa propre moyenne et sa propre variance. Le résultat
    a la forme et le dtype de ``x``.

        mean = moyenne de x sur les dimensions de normalisation
        var  = moyenne de (x - mean)^2 sur ces dimensions      biaisée : divisée par N, pas par N - 1
        y    = (x - mean) / sqrt(var + eps) * weight + bias

    - ``weight`` et ``bias`` ont la forme ``normalized_shape`` (ils se diffusent sur les premières
      dimensions), ou valent ``None`` : pas de mise à l'échelle, pas de décalage.
    - ``eps`` se place sous la racine carrée, avec la variance.
    - Calculez la variance à partir des valeurs centrées. E[x^2] - E[x]^2 lui est égal en arithmétique
      exacte, mais en virgule flottante cette différence subit une annulation catastrophique quand la
      moyenne est grande devant la dispersion.
    - Un groupe dont toutes les valeurs sont égales a une variance nulle : son résultat est ``bias`` (0 sans
      biais), pas NaN.
    - Les opérateurs de normalisation de PyTorch (``layer_norm``, ``group_norm``, ``batch_norm``,
      ``instance_norm``, ``rms_norm``, et leurs modules) sont interdits ici.

    Exemple : x = [1, 2, 3, 4] sur ses 4 valeurs a pour moyenne 2.5 et pour variance
    (2.25 + 0.25 + 0.25 + 2.25) / 4 = 1.25, donc y = (x - 2.5) / sqrt(1.25 + 1e-5) =
    [-1.3416, -0.4472, 0.4472, 1.3416].

    >>> layer_norm(torch.tensor([1.0, 2.0, 3.0, 4.0]), 4)
    tensor([-1.3416, -0.4472,  0.4472,  1.3416])
    """
    raise NotImplementedError("layer_norm : moyenne et variance biaisée sur les dims finales, puis échelle et décalage")


def transformer_encoder_layer(x: torch.Tensor, params: dict[str, torch.Tensor], num_heads: int,
                              key_padding_mask: torch.Tensor | None = None) -> torch.Tensor:
    r"""Une couche d'encodeur Transformer, telle que ``torch.nn.TransformerEncoderLayer`` la calcule à partir
    de son state dict.

    La couche est ``TransformerEncoderLayer(E, num_heads, F, dropout=0.0, batch_first=True)`` en mode eval,
    avec le state dict ``params``.

    Formes : ``x`` est de forme ``(B, S, E)``, tout comme le résultat ; ``num_heads`` divise E.
    ``key_padding_mask`` est de forme ``(B, S)``, booléen, ``True`` marquant une position de remplissage
    (comme dans ``multi_head_self_attention``), ou ``None``. ``params`` contient le ``state_dict()`` du
    module, avec exactement ces clés :

        self_attn.in_proj_weight    (3E, E)     self_attn.in_proj_bias    (3E,)
        self_attn.out_proj.weight   (E, E)      self_attn.out_proj.bias   (E,)
        linear1.weight              (F, E)      linear1.bias              (F,)
        linear2.weight              (E, F)      linear2.bias              (E,)
        norm1.weight, norm1.bias, norm2.weight, norm2.bias                (E,)

    F (``dim_feedforward``) vaut ``params["linear1.weight"].shape[0]``. Avec ``linear(t) = t W^T + b`` :

        a   = multi_head_self_attention(x, num_heads, self_attn weights, key_padding_mask)
        y   = layer_norm(x + a, E, norm1.weight, norm1.bias, eps=1e-5)
        f   = linear2(relu(linear1(y)))
        out = layer_norm(y + f, E, norm2.weight, norm2.bias, eps=1e-5)

    - Post-normalisation (``norm_first=False``, la valeur par défaut du module et le choix de l'article
      original) : chaque *somme* résiduelle est normalisée, et l'entrée d'une sous-couche n'est jamais
      normalisée au préalable ; la pré-normalisation donne une autre couche.
    - La seconde connexion résiduelle ajoute ``y``, la sortie de la première normalisation, pas ``x``.
    - Auto-attention seulement, sans masque causal. Le masque de remplissage cache les positions de
      remplissage en tant que *clés* ; elles sont tout de même calculées en tant que requêtes, donc leurs
      lignes du résultat ne sont pas nulles.
    - Dropout à 0 et mode eval : rien d'aléatoire. Les deux normalisations utilisent le
      ``layer_norm_eps`` du module, 1e-5.
    - Appelez vos propres ``multi_head_self_attention`` et ``layer_norm`` de ce module. Les opérateurs
      d'attention, de Transformer et de normalisation de PyTorch (``nn.MultiheadAttention``,
      ``F.scaled_dot_product_attention``, ``nn.TransformerEncoderLayer``, ``F.layer_norm``, ...) sont
      interdits ici.

    Exemple : si tous les poids et biais de l'attention et du réseau feed-forward sont nuls, les poids des
    normalisations à un et leurs biais à zéro, ``a`` et ``f`` sont nuls et le résultat est
    ``layer_norm(layer_norm(x))``, c'est-à-dire ``layer_norm(x)`` à eps près :
    ``x = [[[1., 2., 3., 4.]]]`` donne ``[[[-1.3416, -0.4472, 0.4472, 1.3416]]]``.
    """
    raise NotImplementedError("transformer_encoder_layer : attention, Add & Norm, feed-forward, Add & Norm")
