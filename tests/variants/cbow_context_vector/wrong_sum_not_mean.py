"""Adds the one-hot vectors without dividing by the number of context words."""
import torch


def cbow_context_vector(context, vocabulary):
    if not context:
        raise ValueError("empty context")
    index = {w: i for i, w in enumerate(vocabulary)}
    x = torch.zeros(len(vocabulary))
    for w in context:
        x[index[w]] += 1
    return x
