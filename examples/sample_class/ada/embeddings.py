"""ada's embeddings.py (sample submission, built by examples/build_sample_class.py)."""
from __future__ import annotations


# cbow_pairs/correct_deque: Streams the tokens through a deque of 2C + 1 and emits a pair each time the deque is full.
from collections import deque


def cbow_pairs(tokens, window):
    if window <= 0:
        raise ValueError("window must be at least 1")
    buffer = deque(maxlen=2 * window + 1)
    pairs = []
    for token in tokens:
        buffer.append(token)
        if len(buffer) == buffer.maxlen:
            words = list(buffer)
            pairs.append((words[:window] + words[window + 1:], words[window]))
    return pairs


# cbow_context_vector/correct_counter: Counts the context words with a Counter, then one vector of count / n in vocabulary order.
from collections import Counter

import torch


def cbow_context_vector(context, vocabulary):
    if not context:
        raise ValueError("cannot average an empty context")
    counts = Counter(context)
    known = set(vocabulary)
    for word in counts:
        if word not in known:
            raise KeyError(word)
    return torch.tensor([counts[word] / len(context) for word in vocabulary], dtype=torch.float32)


# cbow_forward/correct_einsum: Gathers the rows, lets einsum sum over the context and the embedding axis at once, divides by 2C.
import torch


def cbow_forward(context_ids, embedding, output_weight, output_bias=None):
    rows = embedding[context_ids]  # (..., 2C, D)
    logits = torch.einsum("...cd,vd->...v", rows, output_weight) / context_ids.shape[-1]
    if output_bias is not None:
        logits = logits + output_bias
    return logits
