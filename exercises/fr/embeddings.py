"""Plongements de mots : le modèle du sac de mots continu (CBOW).

CBOW prédit un mot à partir des mots qui l'entourent : les C mots qui le précèdent et les C mots qui le
suivent (sa fenêtre de contexte). Complétez les fonctions ci-dessous, puis lancez ``autograder check`` pour
voir où elles en sont. Le corpus français du kit fournit de vraies phrases sur lesquelles les essayer :

    from autograder.datasets import load_tokenized
    documents = load_tokenized()          # 48 textes français courts, chacun une liste de mots en minuscules
"""

import torch


def cbow_pairs(tokens: list[str], window: int) -> list[tuple[list[str], str]]:
    r"""Les paires d'entraînement ``(context, centre)`` de CBOW pour une liste de jetons, avec C = ``window``.

    Pour chaque position i qui a ``window`` jetons de chaque côté (``window <= i < len(tokens) - window``),
    de gauche à droite, une paire :

        context = tokens[i - C], ..., tokens[i - 1], tokens[i + 1], ..., tokens[i + C]   (2C mots : gauche, puis droite)
        centre  = tokens[i]

    Les positions trop proches de l'une ou l'autre extrémité sont sautées (pas de remplissage) : une liste
    de moins de 2C + 1 jetons donne donc ``[]``. Renvoyez une liste de tuples
    ``(contexte sous forme de liste de str, centre sous forme de str)``. Levez ``ValueError`` si ``window < 1``.

    Exemple, C = 2, jetons ``"le chat noir dort sur le canapé".split()`` : trois paires, dans cet ordre

        (["le", "chat", "dort", "sur"], "noir")
        (["chat", "noir", "sur", "le"], "dort")
        (["noir", "dort", "le", "canapé"], "sur")
    """
    raise NotImplementedError("cbow_pairs : pour chaque position à fenêtre complète, découper à gauche et à droite")


def cbow_context_vector(context: list[str], vocabulary: list[str]) -> torch.Tensor:
    r"""L'entrée de CBOW pour un contexte : la moyenne des vecteurs one-hot de ses mots.

    ``vocabulary`` est une liste de mots distincts ; le mot ``vocabulary[j]`` a pour vecteur one-hot e_j, de
    longueur V = ``len(vocabulary)`` (un 1 à la position j, dans l'ordre propre du vocabulaire : ne le triez
    pas). Pour un contexte de n mots w_1 ... w_n (n = 2C dans CBOW) :

        x = (e_{w_1} + ... + e_{w_n}) / n        un tenseur float32 de forme (V,)

    Un mot présent deux fois dans le contexte compte deux fois. Les mots sont comparés exactement (``"Le"``
    n'est pas ``"le"``). Levez ``KeyError`` pour un mot du contexte absent du vocabulaire (ce que lève sa
    recherche dans un dict ``{word: index}``), et ``ValueError`` pour un contexte vide (il n'a pas de
    moyenne).

    Exemple : le contexte ``["le", "chat", "dort", "sur"]`` et le vocabulaire
    ``["chat", "dort", "le", "noir", "sur", "canapé"]`` donnent ``[0.25, 0.25, 0.25, 0.0, 0.25, 0.0]`` ;
    le contexte ``["le", "chat", "le", "chien"]`` sur ``["chat", "chien", "dort", "le"]`` donne
    ``[0.25, 0.25, 0.0, 0.5]``.
    """
    raise NotImplementedError("cbow_context_vector : encoder chaque mot en one-hot par son indice, puis moyenner")


def cbow_forward(context_ids: torch.Tensor, embedding: torch.Tensor, output_weight: torch.Tensor,
                 output_bias: torch.Tensor | None = None) -> torch.Tensor:
    r"""La passe avant de CBOW : moyenner les plongements du contexte, puis donner un score à chaque mot du
    vocabulaire.

    Formes (V mots dans le vocabulaire, D dimensions de plongement, 2C mots de contexte) :

    - ``context_ids`` : int64, ``(B, 2C)`` pour un lot de contextes ou ``(2C,)`` pour un seul ; valeurs
      dans [0, V) ;
    - ``embedding`` : ``(V, D)``, la ligne v est le plongement du mot v (le poids d'un
      ``nn.Embedding(V, D)``) ;
    - ``output_weight`` : ``(V, D)`` et ``output_bias`` : ``(V,)`` ou ``None`` (le poids et le biais d'un
      ``nn.Linear(D, V)``, qui stocke son poids sous la forme (out_features, in_features)).

    Pour chaque contexte :

        h      = moyenne sur les 2C mots du contexte de embedding[id]        forme (D,)
        logits = h @ output_weightᵀ + output_bias                              forme (V,)   (sans biais si None)

    Renvoyez les logits (sans softmax) : ``(B, V)``, ou ``(V,)`` pour un seul contexte, dans le dtype de
    ``embedding``. Un mot présent deux fois dans un contexte compte deux fois dans la moyenne. La moyenne
    des vecteurs one-hot multipliée par ``embedding`` donne le même h :
    ``cbow_context_vector(context, vocabulary) @ embedding``.

    Exemple : V = 3, D = 2, sans biais,
    ``embedding = [[1., 0.], [0., 2.], [4., 4.]]``, ``output_weight = [[1., 0.], [0., 1.], [1., 1.]]``,
    ``context_ids = [0, 1, 1, 2]`` : h = ([1, 0] + [0, 2] + [0, 2] + [4, 4]) / 4 = [1.25, 2.] et les
    logits valent [1.25, 2., 3.25].

    N'utilisez pas ``nn.EmbeddingBag`` / ``F.embedding_bag`` : moyenner les lignes, c'est l'exercice.
    """
    raise NotImplementedError("cbow_forward : indexer les lignes du plongement, moyenner sur le contexte, projeter")
