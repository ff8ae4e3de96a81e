"""Attention.

Fill in the functions below, then run ``autograder check`` to see how they do.
"""

from __future__ import annotations

import torch


def scaled_dot_product_attention(query: torch.Tensor, key: torch.Tensor, value: torch.Tensor,
                                 attn_mask: torch.Tensor | None = None, is_causal: bool = False,
                                 scale: float | None = None) -> torch.Tensor:
    r"""Scaled dot-product attention, as ``torch.nn.functional.scaled_dot_product_attention`` (no dropout).

    Shapes: ``query`` is ``(..., L, E)``, ``key`` is ``(..., S, E)``, ``value`` is ``(..., S, Ev)`` and the
    result is ``(..., L, Ev)``. ``...`` is any number of leading batch dimensions, none included (a plain
    ``(L, E)`` query); L and S differ in general, and so do E and Ev.

        scores  = query @ key^T * scale            (..., L, S); key^T swaps the last two dims only
        weights = softmax(scores + mask, over S)   each query's weights over the keys sum to 1
        output  = weights @ value                  (..., L, Ev)

    - ``scale`` defaults to ``1 / sqrt(E)``, E being the width of query and key (not of value).
    - ``attn_mask`` broadcasts to ``(..., L, S)`` and comes in two kinds. Boolean: ``True`` means the pair
      takes part, ``False`` means it is left out (its score becomes -inf before the softmax). Float: it is
      added to the scores (``-inf`` entries leave a pair out).
    - ``is_causal=True`` lets query ``i`` see keys ``j <= i`` only: the lower triangle of an ``(L, S)``
      matrix, aligned at the top-left corner even when L != S (``torch.ones(L, S).tril()``).
    - You are never given ``attn_mask`` together with ``is_causal=True`` (PyTorch refuses the pair), and
      no mask leaves a query with no key at all.

    Example, one query attending to two keys with E = 1: ``query = [[2.]]``, ``key = [[1.], [0.]]``,
    ``value = [[10.], [20.]]``. Scores are ``[2, 0]`` (scale 1/sqrt(1) = 1), the weights softmax([2, 0]) =
    ``[0.8808, 0.1192]``, the output ``0.8808 * 10 + 0.1192 * 20 = 11.19``. With
    ``attn_mask = [[False, True]]`` only the second key counts and the output is ``20``.

    >>> scaled_dot_product_attention(torch.tensor([[2.0]]), torch.tensor([[1.0], [0.0]]),
    ...                              torch.tensor([[10.0], [20.0]]))
    tensor([[11.1920]])
    """
    raise NotImplementedError("scaled_dot_product_attention: scores, mask, softmax over the keys, weighted sum")


def multi_head_self_attention(x: torch.Tensor, num_heads: int, in_proj_weight: torch.Tensor,
                              in_proj_bias: torch.Tensor | None, out_proj_weight: torch.Tensor,
                              out_proj_bias: torch.Tensor | None, key_padding_mask: torch.Tensor | None = None,
                              is_causal: bool = False) -> torch.Tensor:
    r"""Self-attention with several heads: what ``torch.nn.MultiheadAttention(E, num_heads, batch_first=True)``
    returns for ``(x, x, x)`` (its first output) when it holds these weights.

    Shapes: ``x`` is ``(B, L, E)``, or ``(L, E)`` for one unbatched sequence (the result has the shape of
    ``x``). ``in_proj_weight`` is ``(3E, E)``, the rows of W_q, W_k and W_v stacked in that order;
    ``in_proj_bias`` is ``(3E,)`` or ``None``; ``out_proj_weight`` is ``(E, E)``, ``out_proj_bias`` ``(E,)``
    or ``None``. Each of the ``num_heads`` heads works on ``d = E / num_heads`` consecutive features.

        q, k, v   = x W_q^T + b_q,  x W_k^T + b_k,  x W_v^T + b_v          each (B, L, E)
        split     (B, L, E) -> (B, L, heads, d) -> (B, heads, L, d)        view, then swap L and heads
        head_i    = softmax(q_i k_i^T / sqrt(d)) v_i                       (B, heads, L, d), scale by d, not E
        merge     (B, heads, L, d) -> (B, L, heads, d) -> (B, L, E)        head 0's features first
        output    = merged W_o^T + b_o                                     (B, L, E)

    - ``key_padding_mask`` is ``(B, L)`` (``(L,)`` unbatched), boolean, and ``True`` marks a padding
      position that no query may attend to: PyTorch's convention, the opposite of a boolean ``attn_mask``.
      It masks keys (columns of the scores), never queries.
    - ``is_causal=True``: position ``i`` attends to positions ``j <= i`` only. It may come together with a
      ``key_padding_mask``; a pair is then left out if either mask says so. No query is left without a key.
    - You may call your own ``scaled_dot_product_attention`` from above (not PyTorch's).

    Example: with one head, ``in_proj_weight`` three stacked identities, no biases and an identity
    ``out_proj_weight``, the result is ``scaled_dot_product_attention(x, x, x)``. With two heads, features
    ``0 .. d-1`` of every position form head 0 and features ``d .. 2d-1`` head 1, each attended on its own.
    """
    raise NotImplementedError("multi_head_self_attention: project, split the heads, attend, merge, project")
