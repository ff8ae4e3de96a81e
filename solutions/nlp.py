"""Text (solutions)."""

import math
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
