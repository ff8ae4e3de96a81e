"""Divides counts by lengths as tensors: an empty document's row is 0 / 0 = NaN."""
import torch


def tfidf(documents):
    if not documents:
        raise ValueError("no documents")
    vocabulary = sorted({w for d in documents for w in d})
    counts = torch.tensor([[d.count(w) for w in vocabulary] for d in documents], dtype=torch.float64)
    counts = counts.reshape(len(documents), len(vocabulary))
    lengths = torch.tensor([len(d) for d in documents], dtype=torch.float64).unsqueeze(1)
    idf = torch.log(len(documents) / (counts > 0).sum(dim=0))
    return counts / lengths * idf, vocabulary
