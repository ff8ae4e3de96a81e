"""Token ids in torch: one bincount over doc * V + term, reshaped."""
import torch


def bag_of_words(documents):
    vocabulary = sorted({w for d in documents for w in d})
    ids = {w: j for j, w in enumerate(vocabulary)}
    n, v = len(documents), len(vocabulary)
    flat = torch.tensor([i * v + ids[w] for i, d in enumerate(documents) for w in d], dtype=torch.long)
    counts = torch.bincount(flat, minlength=n * v).reshape(n, v)
    return counts, vocabulary
