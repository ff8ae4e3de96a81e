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


def bag_of_words(documents: list[list[str]]) -> tuple[torch.Tensor, list[str]]:
    r"""The bag-of-words count matrix of a tokenized corpus.

    ``documents`` is a list of N documents, each a list of tokens used as given (no lower-casing: ``"Le"``
    and ``"le"`` are different terms). To get tokens from text, use the kit's tokenizer:
    ``from autograder.datasets import load_tokenized, tokenize``.

    Returns ``(counts, vocabulary)``:

    - ``vocabulary``: every distinct token, in ``sorted()`` order, which compares Unicode code points: capitals
      come before lower case, and accented letters after ``"z"`` (``sorted(["été", "eau", "zèbre"])`` is
      ``["eau", "zèbre", "été"]``);
    - ``counts``: an **int64** tensor of shape ``(N, len(vocabulary))``; ``counts[i, j]`` is the number of
      times ``vocabulary[j]`` occurs in ``documents[i]``.

    An empty document is a row of zeros. If every document is empty, the vocabulary is empty and the shape
    is ``(N, 0)``; an empty list of documents gives a ``(0, 0)`` tensor and ``[]`` (not an error).

    Example: ``[["le", "chat", "dort"], ["le", "chien", "et", "le", "chat"], []]`` gives the vocabulary
    ``["chat", "chien", "dort", "et", "le"]`` and the counts
    ``[[1, 0, 1, 0, 1], [1, 1, 0, 1, 2], [0, 0, 0, 0, 0]]``.
    The kit's French corpus: ``counts, vocabulary = bag_of_words(load_tokenized())`` has one row per text.
    """
    raise NotImplementedError("bag_of_words: sort the distinct tokens, then count each one in each document")


def cosine_similarity(a: torch.Tensor, b: torch.Tensor, dim: int = -1, eps: float = 1e-8) -> torch.Tensor:
    r"""Cosine similarity of ``a`` and ``b`` along ``dim``, as ``torch.nn.functional.cosine_similarity``.

    With ``‖x‖`` the Euclidean norm along ``dim``:

        cos(a, b) = sum over dim of  a / max(‖a‖, eps)  *  b / max(‖b‖, eps)

    Each norm is clamped on its own (not their product), so a zero vector has similarity 0 with anything,
    never NaN, and a vector shorter than ``eps`` is divided by ``eps``.

    Shapes: ``a`` and ``b`` broadcast against each other as in ``a * b``; ``dim`` (negative counts from the
    end) is a dimension of that broadcast shape, and the result has that shape without ``dim``. Broadcast
    first, then take the norms: for ``a`` of shape ``(3, 1)`` and ``b`` of shape ``(3, 4)`` with ``dim=-1``,
    each value of ``a`` is repeated 4 times before its norm is taken. The result's dtype is the promoted
    dtype of ``a`` and ``b`` (float32 with float64 gives float64). The default ``dim`` here is the last
    dimension (PyTorch's own default is ``dim=1``).

    Example: ``a = [[1., 0.], [0., 0.]]``, ``b = [[1., 1.], [3., 4.]]`` give ``[0.7071, 0.]``
    (1 / ‖(1, 1)‖ = 1 / √2; the zero row gives 0). With broadcasting, ``a = [3., 4.]`` and
    ``b = [[3., 4.], [-4., 3.], [-6., -8.]]`` give ``[1., 0., -1.]``.

    Do not call ``F.cosine_similarity`` or ``nn.CosineSimilarity``: that is the exercise.
    """
    raise NotImplementedError("cosine_similarity: broadcast a and b, divide each by its clamped norm, then sum")


def preprocess(text: str, stopwords=()) -> list[str]:
    r"""Text to tokens: normalise, lower-case, split, drop the stop words.

    1. Put the text in Unicode NFC form, ``unicodedata.normalize("NFC", text)``, so that an "é" typed as
       "e" followed by a combining accent (U+0301) is the single letter "é".
    2. Lower-case it with ``str.lower()`` ("É" gives "é", "Œ" gives "œ").
    3. A token is a maximal run of these characters, and only these:

           a to z,  0 to 9,  à â ä ç é è ê ë î ï ô ö ù û ü ÿ æ œ

       that is, the regular expression ``[0-9a-zàâäçéèêëîïôöùûüÿæœ]+``. Every other character separates
       tokens and is dropped: spaces (tabs, newlines, the non-breaking space), punctuation, apostrophes
       (' and ’), hyphens, underscores, and letters that are not in the list (ñ, ß, á ...). So elision
       splits ("l'apprentissage" gives "l", "apprentissage"), so do compounds ("peut-être" gives "peut",
       "être") and decimals ("3,14" gives "3", "14"); digits are kept, alone or inside a word ("2024",
       "mp3").
    4. Drop every token that is in ``stopwords`` (any collection of strings, compared as given with the
       lower-cased tokens: give them in lower case). Keep the others, repeats included, in text order.

    Returns a list of strings (``[]`` for an empty text). Unlike the kit's ``autograder.datasets.tokenize``,
    this keeps digits and knows only French accents. The kit ships a French stop-word list: in a notebook,
    ``from autograder.datasets import load_stopwords`` and ``load_stopwords("fr")`` (a submission itself
    may not import the kit).

    >>> preprocess("L'apprentissage profond, c’est génial : 3 modèles en 2024 !", stopwords=["l", "c", "est", "en"])
    ['apprentissage', 'profond', 'génial', '3', 'modèles', '2024']
    >>> preprocess("Peut-être qu'il ÉTUDIE l'IA")
    ['peut', 'être', 'qu', 'il', 'étudie', 'l', 'ia']
    """
    raise NotImplementedError("preprocess: NFC, lower(), the runs of allowed characters, then drop stop words")


def ngrams(tokens: list[str], n: int) -> list[tuple[str, ...]]:
    r"""The n-grams of a list of tokens: every run of ``n`` consecutive tokens, in order.

    ``tokens`` of length L gives L - n + 1 n-grams, the i-th being ``tuple(tokens[i:i + n])``: tuples, so
    that they can be counted (``collections.Counter(ngrams(tokens, 2))``) or used as dictionary keys.
    Repeated n-grams are all kept. Fewer tokens than ``n`` give ``[]`` (no n-gram); ``n = 1`` gives the
    tokens as 1-tuples. Raise ``ValueError`` if ``n < 1``.

    >>> ngrams(["le", "chat", "dort", "ici"], 2)
    [('le', 'chat'), ('chat', 'dort'), ('dort', 'ici')]
    >>> ngrams(["le", "chat"], 3)
    []
    """
    raise NotImplementedError("ngrams: one tuple per start position, len(tokens) - n + 1 of them")
