"""Sorts the vocabulary before numbering it: positions no longer follow the vocabulary's own order."""
import torch


def cbow_context_vector(context, vocabulary):
    if not context:
        raise ValueError("empty context")
    index = {w: i for i, w in enumerate(sorted(vocabulary))}
    x = torch.zeros(len(vocabulary))
    for w in context:
        x[index[w]] += 1.0 / len(context)
    return x
