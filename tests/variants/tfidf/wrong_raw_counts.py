"""Uses raw counts for tf, not counts divided by the document's length."""
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
        rows.append([c[w] * math.log(len(documents) / df[w]) for w in vocabulary])
    return torch.tensor(rows, dtype=torch.float64).reshape(len(documents), len(vocabulary)), vocabulary
