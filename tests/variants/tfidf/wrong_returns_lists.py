"""Returns the matrix as a list of lists of floats instead of a tensor."""
import math
from collections import Counter


def tfidf(documents):
    if not documents:
        raise ValueError("no documents")
    df = Counter(w for d in documents for w in set(d))
    vocabulary = sorted(df)
    rows = []
    for d in documents:
        c = Counter(d)
        rows.append([c[w] / len(d) * math.log(len(documents) / df[w]) if d else 0.0 for w in vocabulary])
    return rows, vocabulary
