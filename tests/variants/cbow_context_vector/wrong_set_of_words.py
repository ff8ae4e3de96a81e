"""Averages over the distinct context words (a set): a word twice in the context counts once."""
import torch


def cbow_context_vector(context, vocabulary):
    if not context:
        raise ValueError("empty context")
    index = {w: i for i, w in enumerate(vocabulary)}
    words = set(context)
    x = torch.zeros(len(vocabulary))
    for w in words:
        x[index[w]] = 1.0 / len(words)
    return x
