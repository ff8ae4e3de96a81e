"""Text.

Fill in the functions below, then run ``autograder check`` to see how they do.
"""

import torch


def tfidf(documents: list[list[str]]) -> tuple[torch.Tensor, list[str]]:
    r"""The tf-idf weight of every term in every document of a tokenized corpus.

    ``documents`` is a list of N documents, each a list of tokens (strings, used as given: no lower-casing,
    ``"The"`` and ``"the"`` are different terms). With ``count(w, d)`` the occurrences of term w in d:

        tf(w, d)     = count(w, d) / len(d)             (0 for every w when d is empty)
        df(w)        = number of documents containing w (at least once)
        idf(w)       = ln(N / df(w))                    (natural log, no smoothing, no +1)
        tfidf(w, d)  = tf(w, d) * idf(w)

    Returns ``(matrix, vocabulary)``:

    - ``vocabulary``: every distinct term, in ``sorted()`` order (so capitals before lower case);
    - ``matrix``: float64 tensor of shape ``(N, len(vocabulary))``, row i for ``documents[i]``, column j
      for ``vocabulary[j]``.

    A term in every document gets idf ln(1) = 0. If every document is empty, the vocabulary is empty and
    the matrix has shape ``(N, 0)``. Raise ``ValueError`` for an empty list of documents (N = 0).

    Example: ``[["the", "cat", "sat"], ["the", "dog", "the", "end"], []]``, N = 3.
    vocabulary ``["cat", "dog", "end", "sat", "the"]``; idf = ln 3 = 1.0986 for the first four, ln 1.5 =
    0.4055 for "the" (df 2). Row 0: 1/3 * 1.0986 = 0.3662 for cat and sat, 1/3 * 0.4055 = 0.1352 for the.
    Row 1: 1/4 * 1.0986 = 0.2747 for dog and end, 2/4 * 0.4055 = 0.2027 for the. Row 2: zeros.
    """
    raise NotImplementedError("tfidf: count terms per document, then apply the formulas in the docstring")
