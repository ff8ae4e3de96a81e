"""torch.tensor of the rows without a reshape: no documents at all gives shape (0,), not (0, 0)."""
from collections import Counter

import torch


def bag_of_words(documents):
    vocabulary = sorted({w for d in documents for w in d})
    rows = [[Counter(d)[w] for w in vocabulary] for d in documents]
    return torch.tensor(rows, dtype=torch.int64), vocabulary
