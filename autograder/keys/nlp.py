"""The hand-written references of ``autograder.specs.nlp``: their code is the answer (see
``autograder.core.key``). Never part of a student release."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

import torch


def tfidf_reference(documents: list[list[str]]) -> tuple[torch.Tensor, list[str]]:
    """tf = count / len(document), idf = ln(N / df), over the sorted vocabulary; float64.

    An empty document is a row of zeros; a corpus of empty documents has an empty vocabulary and an
    ``(N, 0)`` matrix. No documents at all is an error: N = 0 has no idf.
    """
    if len(documents) == 0:
        raise ValueError("tfidf needs at least one document")
    counts, vocabulary = bag_of_words_reference(documents)
    counts = counts.to(torch.float64)  # counts are small integers: exact in float64
    lengths = torch.tensor([len(document) for document in documents], dtype=torch.float64)
    # an empty document's counts are all zero, so any nonzero divisor leaves its row at zero
    tf = counts / lengths.clamp(min=1).unsqueeze(1)
    df = (counts > 0).sum(dim=0).to(torch.float64)
    idf = torch.log(len(documents) / df)
    return tf * idf, vocabulary


def bag_of_words_reference(documents: list[list[str]]) -> tuple[torch.Tensor, list[str]]:
    """int64 counts over the sorted vocabulary; ``tests/specs/test_reference_nlp.py`` checks it against
    scikit-learn's ``CountVectorizer(analyzer=lambda d: d)``.

    Empty documents are rows of zeros, a corpus of empty documents gives ``(N, 0)`` and no documents at all
    ``(0, 0)`` with an empty vocabulary: counting needs no N > 0, unlike tf-idf's idf (scikit-learn refuses
    both, as it refuses any empty vocabulary).
    """
    vocabulary = sorted({word for document in documents for word in document})
    column = {word: j for j, word in enumerate(vocabulary)}
    rows = [i for i, document in enumerate(documents) for _ in document]
    cols = [column[word] for document in documents for word in document]
    counts = torch.zeros(len(documents), len(vocabulary), dtype=torch.int64)
    counts.index_put_((torch.tensor(rows, dtype=torch.long), torch.tensor(cols, dtype=torch.long)),
                      torch.ones(len(rows), dtype=torch.int64), accumulate=True)
    return counts, vocabulary


# a token: a run of ASCII letters and digits and the accented letters of French, once lower-cased
FRENCH_TOKEN = re.compile("[0-9a-zàâäçéèêëîïôöùûüÿæœ]+")


def preprocess_reference(text: str, stopwords: Iterable[str] = ()) -> list[str]:
    """NFC, lower-case, the runs of ``FRENCH_TOKEN``'s characters in order, less the stop words (as given)."""
    dropped = set(stopwords)
    tokens = FRENCH_TOKEN.findall(unicodedata.normalize("NFC", text).lower())
    return [token for token in tokens if token not in dropped]


def ngrams_reference(tokens: list[str], n: int) -> list[tuple[str, ...]]:
    """The ``len(tokens) - n + 1`` windows of ``n`` consecutive tokens, as tuples; none when there are fewer
    tokens than ``n``; ``ValueError`` for ``n < 1``."""
    if n < 1:
        raise ValueError(f"n-grams need n >= 1, not {n}")
    return [tuple(tokens[start:start + n]) for start in range(len(tokens) - n + 1)]
