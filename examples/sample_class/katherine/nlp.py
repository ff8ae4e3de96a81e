"""katherine's nlp.py (sample submission, built by examples/build_sample_class.py)."""
from __future__ import annotations


# tfidf/correct_numpy: A count matrix in numpy (np.add.at), frequencies with np.divide(where=...), then torch.from_numpy.
import numpy as np
import torch


def tfidf(documents):
    if not documents:
        raise ValueError("tfidf of an empty corpus")
    vocabulary = sorted(set(word for document in documents for word in document))
    index = {word: j for j, word in enumerate(vocabulary)}
    counts = np.zeros((len(documents), len(vocabulary)))
    for i, document in enumerate(documents):
        np.add.at(counts[i], [index[word] for word in document], 1.0)
    lengths = counts.sum(axis=1, keepdims=True)
    tf = np.divide(counts, lengths, out=np.zeros_like(counts), where=lengths > 0)
    idf = np.log(len(documents) / np.count_nonzero(counts, axis=0))
    return torch.from_numpy(tf * idf), vocabulary
