"""Never checks for an empty corpus: returns an empty (0, 0) matrix instead of raising ValueError."""
import math
from collections import Counter

import torch


def tfidf(documents):
    df = Counter(w for d in documents for w in set(d))
    vocabulary = sorted(df)
    rows = []
    for d in documents:
        c = Counter(d)
        rows.append([c[w] / len(d) * math.log(len(documents) / df[w]) if d else 0.0 for w in vocabulary])
    return torch.tensor(rows, dtype=torch.float64).reshape(len(documents), len(vocabulary)), vocabulary
