"""Text (solutions)."""

import math
import unicodedata
from collections import Counter

import torch


def tfidf(documents: list[list[str]]) -> tuple[torch.Tensor, list[str]]:
    """tf-idf with tf = count / len(document), idf = ln(N / df), over the sorted vocabulary."""
    if not documents:
        raise ValueError("tfidf needs at least one document")
    counts = [Counter(document) for document in documents]
    df = Counter(word for document_counts in counts for word in document_counts)
    vocabulary = sorted(df)
    n_docs = len(documents)
    idf = {word: math.log(n_docs / df[word]) for word in vocabulary}
    matrix = torch.zeros(n_docs, len(vocabulary), dtype=torch.float64)
    column = {word: j for j, word in enumerate(vocabulary)}
    for i, (document, document_counts) in enumerate(zip(documents, counts, strict=True)):
        for word, count in document_counts.items():
            matrix[i, column[word]] = count / len(document) * idf[word]
    return matrix, vocabulary


def bag_of_words(documents: list[list[str]]) -> tuple[torch.Tensor, list[str]]:
    """Counts per document over the sorted vocabulary, as an int64 matrix."""
    counts = [Counter(document) for document in documents]
    vocabulary = sorted({word for document_counts in counts for word in document_counts})
    column = {word: j for j, word in enumerate(vocabulary)}
    matrix = torch.zeros(len(documents), len(vocabulary), dtype=torch.int64)
    for i, document_counts in enumerate(counts):
        for word, count in document_counts.items():
            matrix[i, column[word]] = count
    return matrix, vocabulary


def cosine_similarity(a: torch.Tensor, b: torch.Tensor, dim: int = -1, eps: float = 1e-8) -> torch.Tensor:
    """Broadcast, divide each side by its own clamped norm, then sum the products along ``dim``."""
    a, b = torch.broadcast_tensors(a, b)
    a_unit = a / torch.linalg.vector_norm(a, dim=dim, keepdim=True).clamp_min(eps)
    b_unit = b / torch.linalg.vector_norm(b, dim=dim, keepdim=True).clamp_min(eps)
    return (a_unit * b_unit).sum(dim=dim)


_LETTERS = set("abcdefghijklmnopqrstuvwxyz0123456789àâäçéèêëîïôöùûüÿæœ")


def preprocess(text: str, stopwords=()) -> list[str]:
    """Character by character: a character of the set extends the current token, any other ends it."""
    stop = frozenset(stopwords)
    tokens, current = [], []
    for char in unicodedata.normalize("NFC", text).lower() + " ":
        if char in _LETTERS:
            current.append(char)
        elif current:
            tokens.append("".join(current))
            current = []
    return [token for token in tokens if token not in stop]


def ngrams(tokens: list[str], n: int) -> list[tuple[str, ...]]:
    """Zip of n shifted copies of the list."""
    if n < 1:
        raise ValueError(f"n must be at least 1, got {n}")
    return list(zip(*(tokens[shift:] for shift in range(n)), strict=False))
