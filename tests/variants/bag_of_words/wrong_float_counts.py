"""Counts right, but in a float32 tensor (torch.zeros' default dtype) instead of int64."""
import torch


def bag_of_words(documents):
    vocabulary = sorted({w for d in documents for w in d})
    column = {w: j for j, w in enumerate(vocabulary)}
    counts = torch.zeros(len(documents), len(vocabulary))
    for i, d in enumerate(documents):
        for w in d:
            counts[i, column[w]] += 1
    return counts, vocabulary
