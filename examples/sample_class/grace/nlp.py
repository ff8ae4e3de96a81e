"""grace's nlp.py (sample submission, built by examples/build_sample_class.py)."""
from __future__ import annotations


# tfidf/wrong_log10: Uses the base-10 logarithm for idf.
import math
from collections import Counter

import torch


def tfidf(documents):
    if not documents:
        raise ValueError("no documents")
    df = Counter(w for d in documents for w in set(d))
    vocabulary = sorted(df)
    rows = []
    for d in documents:
        c = Counter(d)
        rows.append([c[w] / len(d) * math.log10(len(documents) / df[w]) if d else 0.0 for w in vocabulary])
    return torch.tensor(rows, dtype=torch.float64).reshape(len(documents), len(vocabulary)), vocabulary
