"""Sorts in "dictionary" order, accents stripped (école next to ecole), instead of sorted()'s code-point order."""
import unicodedata

import torch


def _plain(word):
    return unicodedata.normalize("NFKD", word).encode("ascii", "ignore").decode()


def bag_of_words(documents):
    vocabulary = sorted({w for d in documents for w in d}, key=lambda w: (_plain(w), w))
    column = {w: j for j, w in enumerate(vocabulary)}
    counts = torch.zeros(len(documents), len(vocabulary), dtype=torch.int64)
    for i, d in enumerate(documents):
        for w in d:
            counts[i, column[w]] += 1
    return counts, vocabulary
