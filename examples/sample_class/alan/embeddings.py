"""Word embeddings: the continuous bag-of-words model (CBOW).

CBOW predicts a word from the words around it: the C words before and the C words after (its context).
Fill in the functions below, then run ``autograder check`` to see how they do. The kit's French corpus
gives real sentences to try them on::

    from autograder.datasets import load_tokenized
    documents = load_tokenized()          # 48 short French texts, each a list of lower-case words
"""

import torch


def cbow_pairs(tokens: list[str], window: int) -> list[tuple[list[str], str]]:
    r"""CBOW's training pairs ``(context, centre)`` for a list of tokens, with C = ``window``.

    For every position i that has ``window`` tokens on each side (``window <= i < len(tokens) - window``),
    from left to right, one pair:

        context = tokens[i - C], ..., tokens[i - 1], tokens[i + 1], ..., tokens[i + C]   (2C words: left, then right)
        centre  = tokens[i]

    Positions too close to either end are skipped (no padding), so a list shorter than 2C + 1 tokens gives
    ``[]``. Return a list of tuples ``(context as a list of str, centre as a str)``. Raise ``ValueError`` if
    ``window < 1``.

    Example, C = 2, tokens ``"le chat noir dort sur le canapé".split()``: three pairs, in this order

        (["le", "chat", "dort", "sur"], "noir")
        (["chat", "noir", "sur", "le"], "dort")
        (["noir", "dort", "le", "canapé"], "sur")
    """
    raise NotImplementedError("cbow_pairs: for each position with a full window, slice left and right")


def cbow_context_vector(context: list[str], vocabulary: list[str]) -> torch.Tensor:
    r"""CBOW's input for one context: the mean of its words' one-hot vectors.

    ``vocabulary`` is a list of distinct words; word ``vocabulary[j]`` has the one-hot vector e_j of length
    V = ``len(vocabulary)`` (a 1 at position j, in the vocabulary's own order: do not sort it). For a
    context of n words w_1 ... w_n (n = 2C in CBOW):

        x = (e_{w_1} + ... + e_{w_n}) / n        a float32 tensor of shape (V,)

    A word that appears twice in the context counts twice. Words are compared exactly (``"Le"`` is not
    ``"le"``). Raise ``KeyError`` for a context word that is not in the vocabulary (what looking it up in a
    ``{word: index}`` dict raises), and ``ValueError`` for an empty context (it has no mean).

    Example: context ``["le", "chat", "dort", "sur"]``, vocabulary
    ``["chat", "dort", "le", "noir", "sur", "canapé"]`` give ``[0.25, 0.25, 0.25, 0.0, 0.25, 0.0]``;
    context ``["le", "chat", "le", "chien"]`` over ``["chat", "chien", "dort", "le"]`` gives
    ``[0.25, 0.25, 0.0, 0.5]``.
    """
    raise NotImplementedError("cbow_context_vector: one-hot each word by its vocabulary index, then average")


def cbow_forward(context_ids: torch.Tensor, embedding: torch.Tensor, output_weight: torch.Tensor,
                 output_bias: torch.Tensor | None = None) -> torch.Tensor:
    r"""CBOW's forward pass: average the context's embeddings, then score every word of the vocabulary.

    Shapes (V words in the vocabulary, D embedding dimensions, 2C context words):

    - ``context_ids``: int64, ``(B, 2C)`` for a batch of contexts or ``(2C,)`` for one; values in [0, V);
    - ``embedding``: ``(V, D)``, row v is word v's embedding (the weight of an ``nn.Embedding(V, D)``);
    - ``output_weight``: ``(V, D)`` and ``output_bias``: ``(V,)`` or ``None`` (the weight and bias of an
      ``nn.Linear(D, V)``, which stores its weight as (out_features, in_features)).

    For each context:

        h      = mean over the 2C context words of embedding[id]        shape (D,)
        logits = h @ output_weightᵀ + output_bias                         shape (V,)   (no bias if None)

    Return the logits (no softmax): ``(B, V)``, or ``(V,)`` for a single context, in the dtype of
    ``embedding``. A word twice in a context counts twice in the mean. The mean of one-hot vectors times
    ``embedding`` is the same h: ``cbow_context_vector(context, vocabulary) @ embedding``.

    Example: V = 3, D = 2, no bias,
    ``embedding = [[1., 0.], [0., 2.], [4., 4.]]``, ``output_weight = [[1., 0.], [0., 1.], [1., 1.]]``,
    ``context_ids = [0, 1, 1, 2]``: h = ([1, 0] + [0, 2] + [0, 2] + [4, 4]) / 4 = [1.25, 2.] and the
    logits are [1.25, 2., 3.25].

    Do not use ``nn.EmbeddingBag`` / ``F.embedding_bag``: averaging the rows is the exercise.
    """
    raise NotImplementedError("cbow_forward: index the embedding rows, average over the context, then project")
