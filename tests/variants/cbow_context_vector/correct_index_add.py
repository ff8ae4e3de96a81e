"""index_add_ of 1/n at every context word's index."""
import torch


def cbow_context_vector(context, vocabulary):
    if not context:
        raise ValueError("no words")
    lookup = dict(zip(vocabulary, range(len(vocabulary))))
    ids = torch.tensor([lookup[w] for w in context], dtype=torch.long)
    out = torch.zeros(len(vocabulary))
    return out.index_add_(0, ids, torch.full((len(context),), 1.0 / len(context)))
