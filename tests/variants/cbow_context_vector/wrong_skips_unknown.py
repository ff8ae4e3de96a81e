"""Leaves out words that are not in the vocabulary instead of raising KeyError."""
import torch


def cbow_context_vector(context, vocabulary):
    if not context:
        raise ValueError("empty context")
    index = {w: i for i, w in enumerate(vocabulary)}
    known = [w for w in context if w in index]
    x = torch.zeros(len(vocabulary))
    for w in known:
        x[index[w]] += 1.0 / len(known)
    return x
