"""ada's nlp.py (sample submission, built by examples/build_sample_class.py)."""
from __future__ import annotations


# tfidf/correct_bincount: Token ids in torch: counts by bincount of doc * V + term, all arithmetic in float64 tensors.
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


# bag_of_words/correct_bincount: Token ids in torch: one bincount over doc * V + term, reshaped.
import torch


def bag_of_words(documents):
    vocabulary = sorted({w for d in documents for w in d})
    ids = {w: j for j, w in enumerate(vocabulary)}
    n, v = len(documents), len(vocabulary)
    flat = torch.tensor([i * v + ids[w] for i, d in enumerate(documents) for w in d], dtype=torch.long)
    counts = torch.bincount(flat, minlength=n * v).reshape(n, v)
    return counts, vocabulary


# cosine_similarity/correct_dot_over_clamped_norms: The dot product first, divided by the product of the two norms, each clamped by eps on its own.
import torch


def cosine_similarity(a, b, dim=-1, eps=1e-8):
    a, b = torch.broadcast_tensors(a, b)
    dot = (a * b).sum(dim=dim)
    norm_a = (a * a).sum(dim=dim).sqrt().clamp(min=eps)
    norm_b = (b * b).sum(dim=dim).sqrt().clamp(min=eps)
    return dot / (norm_a * norm_b)


# preprocess/correct_regex_sub: Right: every character outside the allowed set becomes a space, then str.split().
import re
import unicodedata

_OUTSIDE = re.compile(r"[^a-z0-9àâäçéèêëîïôöùûüÿæœ]")


def preprocess(text, stopwords=()):
    cleaned = _OUTSIDE.sub(" ", unicodedata.normalize("NFC", text).lower())
    stop = set(stopwords)
    return [word for word in cleaned.split() if word not in stop]


# ngrams/correct_sliding_loop: Right: a while loop over start positions, appending one tuple per window.
def ngrams(tokens, n):
    if n <= 0:
        raise ValueError("n must be positive")
    grams = []
    start = 0
    while start + n <= len(tokens):
        grams.append(tuple(tokens[start:start + n]))
        start += 1
    return grams
