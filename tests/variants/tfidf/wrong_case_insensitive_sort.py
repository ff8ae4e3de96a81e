"""Sorts the vocabulary "alphabetically", ignoring case: not sorted()'s order once capitals appear.

Twins such as "The" and "the" keep sorted()'s order between them (key (w.lower(), w)): with key=str.lower alone
they would follow a set's order, which changes from run to run."""
import math
from collections import Counter

import torch


def tfidf(documents):
    if not documents:
        raise ValueError("no documents")
    df = Counter(w for d in documents for w in set(d))
    vocabulary = sorted(df, key=lambda w: (w.lower(), w))
    rows = []
    for d in documents:
        c = Counter(d)
        rows.append([c[w] / len(d) * math.log(len(documents) / df[w]) if d else 0.0 for w in vocabulary])
    return torch.tensor(rows, dtype=torch.float64).reshape(len(documents), len(vocabulary)), vocabulary
