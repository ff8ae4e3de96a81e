"""The hand-written references of ``autograder.specs.embeddings`` and its classic mistakes: their code is the
answer, and a near-answer is an answer (see ``autograder.core.key``). Never part of a student release, which
records their outputs instead."""

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


# ---------------------------------------------------------------------------------------------------------
# classic mistakes of cbow_pairs


def _check_window(window: int) -> None:
    if window < 1:
        raise ValueError(f"window must be at least 1, got {window}")


def cbow_pairs_keyed_by_centre(tokens: list[str], window: int) -> list[tuple[list[str], str]]:
    """The pairs collected in a dict keyed by the centre word: one pair per distinct centre word, at its first
    position, holding the context of its last."""
    contexts = {}
    for context, centre in cbow_pairs_reference(tokens, window):
        contexts[centre] = context
    return [(context, centre) for centre, context in contexts.items()]


def cbow_pairs_includes_centre(tokens: list[str], window: int) -> list[tuple[list[str], str]]:
    """The context is the whole window tokens[i - C : i + C + 1], the centre word inside it."""
    _check_window(window)
    return [(tokens[i - window:i + window + 1], tokens[i]) for i in range(window, len(tokens) - window)]


def cbow_pairs_nearest_first(tokens: list[str], window: int) -> list[tuple[list[str], str]]:
    """The context ordered by distance (i - 1, i + 1, i - 2, i + 2, ...), not left words then right words."""
    _check_window(window)
    return [([tokens[i + side * d] for d in range(1, window + 1) for side in (-1, 1)], tokens[i])
            for i in range(window, len(tokens) - window)]


def cbow_pairs_no_value_error(tokens: list[str], window: int) -> list[tuple[list[str], str]]:
    """No check of the window: a window below 1 acts as 0, every token a pair with an empty context."""
    if window < 1:
        return [([], token) for token in tokens]
    return cbow_pairs_reference(tokens, window)


def cbow_pairs_misses_last_window(tokens: list[str], window: int) -> list[tuple[list[str], str]]:
    """Stops one position early: the last full window has no pair."""
    return cbow_pairs_reference(tokens, window)[:-1]


def cbow_pairs_partial_windows(tokens: list[str], window: int) -> list[tuple[list[str], str]]:
    """A pair at every position, the context clipped at the ends of the sentence."""
    _check_window(window)
    return [(tokens[max(0, i - window):i] + tokens[i + 1:i + 1 + window], tokens[i]) for i in range(len(tokens))]


# ---------------------------------------------------------------------------------------------------------
# classic mistakes of cbow_context_vector


def _one_hots(context: list[str], vocabulary: list[str], dtype: torch.dtype) -> torch.Tensor:
    """The context words' one-hot rows, ``(len(context), len(vocabulary))``; the reference's errors."""
    if len(context) == 0:
        raise ValueError("an empty context has no mean")
    index = {word: i for i, word in enumerate(vocabulary)}
    return F.one_hot(torch.tensor([index[word] for word in context], dtype=torch.long), len(vocabulary)).to(dtype)


def cbow_context_vector_float64(context: list[str], vocabulary: list[str]) -> torch.Tensor:
    """The right mean, in float64."""
    return _one_hots(context, vocabulary, torch.float64).mean(dim=0)


def cbow_context_vector_sum_not_mean(context: list[str], vocabulary: list[str]) -> torch.Tensor:
    """The sum of the one-hot vectors: counts, not divided by the number of context words."""
    return _one_hots(context, vocabulary, torch.float32).sum(dim=0)


def cbow_context_vector_set_of_words(context: list[str], vocabulary: list[str]) -> torch.Tensor:
    """The mean over the distinct context words: a word twice in the context counts once."""
    return cbow_context_vector_reference(list(dict.fromkeys(context)), vocabulary)


def cbow_context_vector_skips_unknown(context: list[str], vocabulary: list[str]) -> torch.Tensor:
    """Words missing from the vocabulary left out of the mean instead of raising ``KeyError`` (all zeros when
    none is known)."""
    known = [word for word in context if word in vocabulary]
    if context and not known:
        return torch.zeros(len(vocabulary))
    return cbow_context_vector_reference(known, vocabulary)


def cbow_context_vector_sorts_vocabulary(context: list[str], vocabulary: list[str]) -> torch.Tensor:
    """Positions numbered in sorted order, not in the vocabulary's own order."""
    return cbow_context_vector_reference(context, sorted(vocabulary))


# ---------------------------------------------------------------------------------------------------------
# classic mistakes of cbow_forward


def cbow_forward_ignores_bias(context_ids: torch.Tensor, embedding: torch.Tensor, output_weight: torch.Tensor,
                              output_bias: torch.Tensor | None = None) -> torch.Tensor:
    """output_bias never added."""
    return cbow_forward_reference(context_ids, embedding, output_weight)


def cbow_forward_mean_over_first_axis(context_ids: torch.Tensor, embedding: torch.Tensor,
                                      output_weight: torch.Tensor,
                                      output_bias: torch.Tensor | None = None) -> torch.Tensor:
    """The mean over axis 0: the context for one context, the batch for a batch of them."""
    return F.linear(F.embedding(context_ids, embedding).mean(dim=0), output_weight, output_bias)


def cbow_forward_sum_not_mean(context_ids: torch.Tensor, embedding: torch.Tensor, output_weight: torch.Tensor,
                              output_bias: torch.Tensor | None = None) -> torch.Tensor:
    """The context's embedding rows summed, not averaged."""
    return F.linear(F.embedding(context_ids, embedding).sum(dim=-2), output_weight, output_bias)


def cbow_forward_softmax(context_ids: torch.Tensor, embedding: torch.Tensor, output_weight: torch.Tensor,
                         output_bias: torch.Tensor | None = None) -> torch.Tensor:
    """Probabilities over the vocabulary (softmax of the logits) instead of the logits."""
    return torch.softmax(cbow_forward_reference(context_ids, embedding, output_weight, output_bias), dim=-1)


def cbow_forward_tied_weights(context_ids: torch.Tensor, embedding: torch.Tensor, output_weight: torch.Tensor,
                              output_bias: torch.Tensor | None = None) -> torch.Tensor:
    """Words scored with the input embedding (tied weights) instead of output_weight."""
    return cbow_forward_reference(context_ids, embedding, embedding, output_bias)


def cbow_forward_untransposed_weight(context_ids: torch.Tensor, embedding: torch.Tensor,
                                     output_weight: torch.Tensor,
                                     output_bias: torch.Tensor | None = None) -> torch.Tensor:
    """h @ W with W as stored, (V, D), not h @ W.T: a shape error unless V == D, wrong values then."""
    logits = F.embedding(context_ids, embedding).mean(dim=-2) @ output_weight
    return logits if output_bias is None else logits + output_bias
