"""Right values, but in float64 (a tensor built from Python floats with dtype=torch.double)."""
import torch


def cbow_context_vector(context, vocabulary):
    if not context:
        raise ValueError("empty context")
    index = {w: i for i, w in enumerate(vocabulary)}
    x = torch.zeros(len(vocabulary), dtype=torch.double)
    for w in context:
        x[index[w]] += 1.0 / len(context)
    return x
