"""scikit-learn's smoothed idf, ln((1 + N) / (1 + df)) + 1, instead of the course's ln(N / df)."""
import math
from collections import Counter

import torch


def tfidf(documents):
    if not documents:
        raise ValueError("no documents")
    n = len(documents)
    df = Counter(w for d in documents for w in set(d))
    vocabulary = sorted(df)
    rows = []
    for d in documents:
        c = Counter(d)
        rows.append([c[w] / len(d) * (math.log((1 + n) / (1 + df[w])) + 1) if d else 0.0 for w in vocabulary])
    return torch.tensor(rows, dtype=torch.float64).reshape(n, len(vocabulary)), vocabulary
