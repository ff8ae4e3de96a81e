"""john's nlp.py (sample submission, built by examples/build_sample_class.py)."""
from __future__ import annotations


# tfidf/correct_loops: Plain loops and dicts, the math module, and a tensor filled cell by cell.
import math

import torch


def tfidf(documents: list[list[str]]) -> tuple[torch.Tensor, list[str]]:
    if len(documents) < 1:
        raise ValueError("need at least one document")
    vocabulary = []
    seen = set()
    for document in documents:
        for word in document:
            if word not in seen:
                seen.add(word)
                vocabulary.append(word)
    vocabulary.sort()
    df = {}
    for word in vocabulary:
        df[word] = 0
        for document in documents:
            if word in document:
                df[word] += 1
    matrix = torch.zeros((len(documents), len(vocabulary)), dtype=torch.float64)
    for i, document in enumerate(documents):
        for j, word in enumerate(vocabulary):
            count = 0
            for token in document:
                if token == word:
                    count += 1
            if count:
                matrix[i][j] = (count / len(document)) * math.log(len(documents) / df[word])
    return matrix, vocabulary
