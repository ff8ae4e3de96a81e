"""A Counter per document, rows built as Python lists, one int64 tensor reshaped to (N, V)."""
from collections import Counter

import torch


def bag_of_words(documents):
    vocabulary = sorted(set().union(*documents)) if documents else []
    rows = []
    for document in documents:
        counts = Counter(document)
        rows.append([counts[word] for word in vocabulary])
    matrix = torch.tensor(rows, dtype=torch.int64).reshape(len(documents), len(vocabulary))
    return matrix, vocabulary
