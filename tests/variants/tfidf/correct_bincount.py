"""Token ids in torch: counts by bincount of doc * V + term, all arithmetic in float64 tensors."""
import torch


def tfidf(documents):
    if len(documents) == 0:
        raise ValueError("documents is empty")
    vocabulary = sorted({w for d in documents for w in d})
    ids = {w: j for j, w in enumerate(vocabulary)}
    n, v = len(documents), len(vocabulary)
    flat = torch.tensor([i * v + ids[w] for i, d in enumerate(documents) for w in d], dtype=torch.long)
    counts = torch.bincount(flat, minlength=n * v).reshape(n, v).to(torch.float64)
    lengths = counts.sum(dim=1, keepdim=True)
    tf = torch.where(lengths > 0, counts / lengths, torch.zeros_like(counts))
    idf = torch.log(n / (counts > 0).sum(dim=0).to(torch.float64))
    return tf * idf, vocabulary
