"""Word embeddings: the continuous bag-of-words model (solutions)."""

import torch


def cbow_pairs(tokens: list[str], window: int) -> list[tuple[list[str], str]]:
    """Slices of ``window`` tokens left and right of every position that has both."""
    if window < 1:
        raise ValueError(f"window must be at least 1, got {window}")
    pairs = []
    for i in range(window, len(tokens) - window):
        pairs.append((tokens[i - window:i] + tokens[i + 1:i + window + 1], tokens[i]))
    return pairs


def cbow_context_vector(context: list[str], vocabulary: list[str]) -> torch.Tensor:
    """Adds 1/n at each context word's vocabulary index."""
    if not context:
        raise ValueError("an empty context has no mean")
    index = {word: j for j, word in enumerate(vocabulary)}
    vector = torch.zeros(len(vocabulary), dtype=torch.float32)
    for word in context:
        vector[index[word]] += 1.0
    return vector / len(context)


def cbow_forward(context_ids: torch.Tensor, embedding: torch.Tensor, output_weight: torch.Tensor,
                 output_bias: torch.Tensor | None = None) -> torch.Tensor:
    """Rows of ``embedding`` by fancy indexing, averaged over the context axis, then ``h W^T + b``."""
    hidden = embedding[context_ids].mean(dim=-2)
    logits = hidden @ output_weight.T
    if output_bias is not None:
        logits = logits + output_bias
    return logits
