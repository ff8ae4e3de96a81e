"""Sorts "alphabetically", ignoring case: not sorted()'s order once capitals appear.

Twins such as "Le" and "le" keep sorted()'s order between them (key (w.lower(), w)): with key=str.lower alone
they would follow a set's order, which changes from run to run."""
import torch


def bag_of_words(documents):
    vocabulary = sorted({w for d in documents for w in d}, key=lambda w: (w.lower(), w))
    column = {w: j for j, w in enumerate(vocabulary)}
    counts = torch.zeros(len(documents), len(vocabulary), dtype=torch.int64)
    for i, d in enumerate(documents):
        for w in d:
            counts[i, column[w]] += 1
    return counts, vocabulary
