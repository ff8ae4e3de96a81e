"""ada's nlp.py (sample submission, built by examples/build_sample_class.py)."""
from __future__ import annotations


# tfidf/correct_counter: collections.Counter per document and for df; builds the rows as Python lists, then one tensor.
import math
from collections import Counter

import torch


def tfidf(documents):
    if len(documents) == 0:
        raise ValueError("no documents")
    n = len(documents)
    df = Counter()
    for document in documents:
        df.update(set(document))
    vocabulary = sorted(df)
    rows = []
    for document in documents:
        counts = Counter(document)
        length = len(document)
        rows.append([counts[w] / length * math.log(n / df[w]) if length else 0.0 for w in vocabulary])
    matrix = torch.tensor(rows, dtype=torch.float64).reshape(n, len(vocabulary))
    return matrix, vocabulary
