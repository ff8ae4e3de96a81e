"""Counts the context words with a Counter, then one vector of count / n in vocabulary order."""
from collections import Counter

import torch


def cbow_context_vector(context, vocabulary):
    if not context:
        raise ValueError("cannot average an empty context")
    counts = Counter(context)
    known = set(vocabulary)
    for word in counts:
        if word not in known:
            raise KeyError(word)
    return torch.tensor([counts[word] / len(context) for word in vocabulary], dtype=torch.float32)
