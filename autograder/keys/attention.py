"""The hand-written references of ``autograder.specs.attention``: their code is the answer (see
``autograder.core.key``). Never part of a student release."""

from __future__ import annotations

import torch


def sinusoidal_positional_encoding_reference(seq_len: int, d_model: int) -> torch.Tensor:
    """The formula of "Attention Is All You Need" with float64 angles, rounded once to float32.

    Hand-written (PyTorch has no such operator); ``tests/specs/test_reference_attention.py`` checks it against a
    numpy loop over every entry and against published values.
    """
    position = torch.arange(seq_len, dtype=torch.float64).unsqueeze(1)
    exponent = torch.arange(0, d_model, 2, dtype=torch.float64) / d_model  # 2i / d_model
    angles = position / torch.pow(10000.0, exponent)
    pe = torch.zeros(seq_len, d_model, dtype=torch.float64)
    pe[:, 0::2] = torch.sin(angles)
    # with an odd d_model there is one sine column more than there are cosine columns
    pe[:, 1::2] = torch.cos(angles[:, : d_model // 2])
    return pe.to(torch.float32)


def layer_norm_unbiased_variance(x: torch.Tensor, normalized_shape: int | tuple[int, ...],
                                 weight: torch.Tensor | None = None, bias: torch.Tensor | None = None,
                                 eps: float = 1e-5) -> torch.Tensor:
    """A classic mistake: normalises by the unbiased variance (divided by N - 1)."""
    count = len((normalized_shape,) if isinstance(normalized_shape, int) else tuple(normalized_shape))
    dims = tuple(range(-count, 0))
    centred = x - x.mean(dim=dims, keepdim=True)
    y = centred / torch.sqrt(x.var(dim=dims, keepdim=True, correction=1) + eps)
    return y * (1 if weight is None else weight) + (0 if bias is None else bias)
