"""Keeps the vocabulary in order of first appearance (dict order) instead of sorting it."""
import torch


def bag_of_words(documents):
    vocabulary = list(dict.fromkeys(w for d in documents for w in d))
    column = {w: j for j, w in enumerate(vocabulary)}
    counts = torch.zeros(len(documents), len(vocabulary), dtype=torch.int64)
    for i, d in enumerate(documents):
        for w in d:
            counts[i, column[w]] += 1
    return counts, vocabulary
