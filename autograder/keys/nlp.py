"""The hand-written references of ``autograder.specs.nlp`` and its classic mistakes: their code is the answer,
and a near-answer is an answer (see ``autograder.core.key``). Never part of a student release, which records
their outputs instead."""

from __future__ import annotations

import unicodedata
from collections.abc import Callable
from typing import Any

import torch
import torch.nn.functional as F


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


# ---------------------------------------------------------------------------------------------------------
# classic mistakes of tfidf and bag_of_words


def _sorted_columns(matrix: torch.Tensor, vocabulary: list[str],
                    key: Callable[[str], Any]) -> tuple[torch.Tensor, list[str]]:
    """The columns of ``matrix`` and the words of ``vocabulary`` put in the order of ``key`` (stable: words
    that tie stay in sorted() order)."""
    order = sorted(range(len(vocabulary)), key=lambda j: key(vocabulary[j]))
    return matrix[:, torch.tensor(order, dtype=torch.long)], [vocabulary[j] for j in order]


def _appearance(documents: list[list[str]]) -> Callable[[str], int]:
    """A word's rank in order of first appearance in the corpus."""
    first = {word: i for i, word in enumerate(dict.fromkeys(word for document in documents for word in document))}
    return first.__getitem__


def _without_accents(word: str) -> str:
    return unicodedata.normalize("NFKD", word).encode("ascii", "ignore").decode()


def _tfidf_parts(documents: list[list[str]]) -> tuple[torch.Tensor, torch.Tensor, float, list[str]]:
    """float64 counts over the sorted vocabulary, the documents' lengths as a column, N and the vocabulary;
    ``ValueError`` for no documents, as the reference."""
    if len(documents) == 0:
        raise ValueError("tfidf needs at least one document")
    counts, vocabulary = bag_of_words_reference(documents)
    lengths = torch.tensor([[len(document)] for document in documents], dtype=torch.float64)
    return counts.to(torch.float64), lengths, float(len(documents)), vocabulary


def tfidf_case_insensitive_sort(documents: list[list[str]]) -> tuple[torch.Tensor, list[str]]:
    """The vocabulary sorted with ``key=str.lower`` (twins such as "The" and "the" in sorted() order)."""
    return _sorted_columns(*tfidf_reference(documents), key=str.lower)


def tfidf_appearance_order(documents: list[list[str]]) -> tuple[torch.Tensor, list[str]]:
    """The vocabulary in order of first appearance, not sorted."""
    weights, vocabulary = tfidf_reference(documents)
    return _sorted_columns(weights, vocabulary, key=_appearance(documents))


def tfidf_lowercases(documents: list[list[str]]) -> tuple[torch.Tensor, list[str]]:
    """Every token lower-cased first: "The" and "the" are one term."""
    return tfidf_reference([[word.lower() for word in document] for document in documents])


def tfidf_df_counts_occurrences(documents: list[list[str]]) -> tuple[torch.Tensor, list[str]]:
    """df is the number of occurrences of a word in the corpus, not the number of documents holding it."""
    counts, lengths, n, vocabulary = _tfidf_parts(documents)
    return counts / lengths.clamp(min=1) * torch.log(n / counts.sum(dim=0)), vocabulary


def tfidf_tf_over_distinct_words(documents: list[list[str]]) -> tuple[torch.Tensor, list[str]]:
    """tf divides a count by the number of distinct words in the document, not by its length."""
    counts, _, n, vocabulary = _tfidf_parts(documents)
    distinct = (counts > 0).sum(dim=1, keepdim=True).clamp(min=1)
    return counts / distinct * torch.log(n / (counts > 0).sum(dim=0)), vocabulary


def tfidf_raw_counts(documents: list[list[str]]) -> tuple[torch.Tensor, list[str]]:
    """tf is the raw count, not the count divided by the document's length."""
    counts, _, n, vocabulary = _tfidf_parts(documents)
    return counts * torch.log(n / (counts > 0).sum(dim=0)), vocabulary


def tfidf_nan_on_empty_document(documents: list[list[str]]) -> tuple[torch.Tensor, list[str]]:
    """tf divides by the length unguarded: an empty document's row is 0 / 0 = NaN."""
    counts, lengths, n, vocabulary = _tfidf_parts(documents)
    return counts / lengths * torch.log(n / (counts > 0).sum(dim=0)), vocabulary


def _with_idf(documents: list[list[str]],
              idf: Callable[[float, torch.Tensor], torch.Tensor]) -> tuple[torch.Tensor, list[str]]:
    """tf as the reference's, times ``idf(N, df)``."""
    counts, lengths, n, vocabulary = _tfidf_parts(documents)
    df = (counts > 0).sum(dim=0).to(torch.float64)
    return counts / lengths.clamp(min=1) * idf(n, df), vocabulary


def tfidf_log10(documents: list[list[str]]) -> tuple[torch.Tensor, list[str]]:
    """idf = log10(N / df)."""
    return _with_idf(documents, lambda n, df: torch.log10(n / df))


def tfidf_log2(documents: list[list[str]]) -> tuple[torch.Tensor, list[str]]:
    """idf = log2(N / df)."""
    return _with_idf(documents, lambda n, df: torch.log2(n / df))


def tfidf_floor_division(documents: list[list[str]]) -> tuple[torch.Tensor, list[str]]:
    """idf = ln(N // df): the ratio truncated before the log."""
    return _with_idf(documents, lambda n, df: torch.log(torch.floor(n / df)))


def tfidf_smoothed_idf(documents: list[list[str]]) -> tuple[torch.Tensor, list[str]]:
    """scikit-learn's smoothed idf: ln((1 + N) / (1 + df)) + 1."""
    return _with_idf(documents, lambda n, df: torch.log((1 + n) / (1 + df)) + 1)


def tfidf_float32(documents: list[list[str]]) -> tuple[torch.Tensor, list[str]]:
    """The right weights in float32."""
    weights, vocabulary = tfidf_reference(documents)
    return weights.to(torch.float32), vocabulary


def tfidf_returns_lists(documents: list[list[str]]) -> tuple[list[list[float]], list[str]]:
    """The right weights as a list of lists of floats, not a tensor."""
    weights, vocabulary = tfidf_reference(documents)
    return weights.tolist(), vocabulary


def tfidf_no_documents_accepted(documents: list[list[str]]) -> tuple[torch.Tensor, list[str]]:
    """No documents gives an empty (0, 0) matrix instead of ``ValueError``."""
    if len(documents) == 0:
        return torch.zeros(0, 0, dtype=torch.float64), []
    return tfidf_reference(documents)


def tfidf_rejects_empty_vocabulary(documents: list[list[str]]) -> tuple[torch.Tensor, list[str]]:
    """``ValueError`` when every document is empty (as scikit-learn), instead of an (N, 0) matrix."""
    weights, vocabulary = tfidf_reference(documents)
    if not vocabulary:
        raise ValueError("empty vocabulary")
    return weights, vocabulary


def bag_of_words_case_insensitive_sort(documents: list[list[str]]) -> tuple[torch.Tensor, list[str]]:
    """The vocabulary sorted with ``key=str.lower`` (twins such as "Le" and "le" in sorted() order)."""
    return _sorted_columns(*bag_of_words_reference(documents), key=str.lower)


def bag_of_words_accent_insensitive_sort(documents: list[list[str]]) -> tuple[torch.Tensor, list[str]]:
    """The vocabulary in "dictionary" order: sorted on the words with their accents stripped, then as is."""
    return _sorted_columns(*bag_of_words_reference(documents), key=lambda word: (_without_accents(word), word))


def bag_of_words_appearance_order(documents: list[list[str]]) -> tuple[torch.Tensor, list[str]]:
    """The vocabulary in order of first appearance, not sorted."""
    counts, vocabulary = bag_of_words_reference(documents)
    return _sorted_columns(counts, vocabulary, key=_appearance(documents))


def bag_of_words_presence(documents: list[list[str]]) -> tuple[torch.Tensor, list[str]]:
    """1 where a word occurs in a document, 0 elsewhere: presence, not counts."""
    counts, vocabulary = bag_of_words_reference(documents)
    return (counts > 0).to(torch.int64), vocabulary


def bag_of_words_float_counts(documents: list[list[str]]) -> tuple[torch.Tensor, list[str]]:
    """The right counts in float32 (torch.zeros' default dtype), not int64."""
    counts, vocabulary = bag_of_words_reference(documents)
    return counts.to(torch.float32), vocabulary


def bag_of_words_empty_corpus_1d(documents: list[list[str]]) -> tuple[torch.Tensor, list[str]]:
    """No documents gives a tensor of shape (0,) (``torch.tensor([])``), not (0, 0)."""
    counts, vocabulary = bag_of_words_reference(documents)
    return (counts.reshape(0) if len(documents) == 0 else counts), vocabulary


# ---------------------------------------------------------------------------------------------------------
# classic mistakes of cosine_similarity


def cosine_similarity_clamps_product(a: torch.Tensor, b: torch.Tensor, dim: int = -1,
                                     eps: float = 1e-8) -> torch.Tensor:
    """PyTorch's formula before 2.0: a . b / sqrt(max(|a|^2 |b|^2, eps^2)), one clamp on the product."""
    a, b = torch.broadcast_tensors(a, b)
    squared = (a * a).sum(dim) * (b * b).sum(dim)
    return (a * b).sum(dim) / squared.clamp_min(eps * eps).sqrt()


def cosine_similarity_no_eps(a: torch.Tensor, b: torch.Tensor, dim: int = -1, eps: float = 1e-8) -> torch.Tensor:
    """a . b / (|a| |b|) with no eps: a zero vector gives 0 / 0 = NaN."""
    a, b = torch.broadcast_tensors(a, b)
    return (a * b).sum(dim) / (torch.linalg.vector_norm(a, dim=dim) * torch.linalg.vector_norm(b, dim=dim))


def cosine_similarity_normalises_before_broadcast(a: torch.Tensor, b: torch.Tensor, dim: int = -1,
                                                  eps: float = 1e-8) -> torch.Tensor:
    """a and b each normalised along ``dim`` in its own shape, then broadcast: a size-1 dimension along
    ``dim`` is normalised before it is repeated."""
    return (F.normalize(a, dim=dim, eps=eps) * F.normalize(b, dim=dim, eps=eps)).sum(dim)
