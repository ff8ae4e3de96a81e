"""Sorts "alphabetically" with key=str.lower: not sorted()'s order once capitals appear."""
import torch


def bag_of_words(documents):
    vocabulary = sorted({w for d in documents for w in d}, key=str.lower)
    column = {w: j for j, w in enumerate(vocabulary)}
    counts = torch.zeros(len(documents), len(vocabulary), dtype=torch.int64)
    for i, d in enumerate(documents):
        for w in d:
            counts[i, column[w]] += 1
    return counts, vocabulary
