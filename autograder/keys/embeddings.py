"""The hand-written references of ``autograder.specs.embeddings``: their code is the answer (see
``autograder.core.key``). Never part of a student release."""

from __future__ import annotations

import torch
import torch.nn.functional as F


def cbow_pairs_reference(tokens: list[str], window: int) -> list[tuple[list[str], str]]:
    """(the ``window`` words before, then the ``window`` after; the centre word) for every position with a
    full window each side, left to right; ``ValueError`` for ``window < 1``."""
    if window < 1:
        raise ValueError(f"window must be at least 1, got {window}")
    return [(tokens[i - window:i] + tokens[i + 1:i + 1 + window], tokens[i])
            for i in range(window, len(tokens) - window)]


def cbow_context_vector_reference(context: list[str], vocabulary: list[str]) -> torch.Tensor:
    """The mean of the context words' one-hot vectors over ``vocabulary`` (in its given order), float32.

    A word missing from the vocabulary raises ``KeyError`` (what looking it up in a word -> index dict
    raises); an empty context has no mean and raises ``ValueError``.
    """
    if len(context) == 0:
        raise ValueError("an empty context has no mean")
    index = {word: i for i, word in enumerate(vocabulary)}
    ids = torch.tensor([index[word] for word in context], dtype=torch.long)
    return F.one_hot(ids, len(vocabulary)).to(torch.float32).mean(dim=0)


def cbow_forward_reference(context_ids: torch.Tensor, embedding: torch.Tensor, output_weight: torch.Tensor,
                           output_bias: torch.Tensor | None = None) -> torch.Tensor:
    """``nn.Embedding`` (``F.embedding``), the mean over the context, then ``nn.Linear`` (``F.linear``)."""
    hidden = F.embedding(context_ids, embedding).mean(dim=-2)
    return F.linear(hidden, output_weight, output_bias)
