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


def sinusoidal_positional_encoding(seq_len: int, d_model: int) -> torch.Tensor:
    r"""The sinusoidal positional encoding of "Attention Is All You Need" (Vaswani et al., 2017, section 3.5).

    Returns a float32 tensor of shape ``(seq_len, d_model)``: row ``pos`` is what gets added to the embedding
    of the token at position ``pos``, for positions ``0 .. seq_len - 1``.

        PE[pos, 2i]     = sin(pos / 10000^(2i / d_model))
        PE[pos, 2i + 1] = cos(pos / 10000^(2i / d_model))

    - The columns come in interleaved pairs (sine, cosine) that share one frequency: column ``j`` belongs to
      pair ``i = j // 2``, and the exponent of both columns of a pair is ``2i / d_model``, the index of the
      pair's *even* column over ``d_model`` (the cosine column ``2i + 1`` does not use ``(2i + 1) / d_model``).
      Not the layout "all sines first, then all cosines" that some libraries use.
    - An odd ``d_model`` is allowed: the pairs fill columns ``0 .. d_model - 2`` and the last column,
      ``d_model - 1``, is an even column, so a sine, with exponent ``(d_model - 1) / d_model``.
    - Positions start at 0, so row 0 is ``[0, 1, 0, 1, ...]``.
    - The result is float32 whatever you compute in. float32 angles ``pos * frequency`` lose about
      ``pos * 6e-8`` to rounding; the grader allows an absolute error of 1e-4 (a wrong formula is off by far
      more).

    Example, ``seq_len = 3``, ``d_model = 4`` (frequencies 1 and 1/100):

        [[0.0000,  1.0000, 0.0000, 1.0000],
         [0.8415,  0.5403, 0.0100, 0.9999],      sin 1, cos 1, sin 0.01, cos 0.01
         [0.9093, -0.4161, 0.0200, 0.9998]]      sin 2, cos 2, sin 0.02, cos 0.02

    With ``d_model = 5`` the frequencies are 1, 10000^(-2/5) = 0.0251 and 10000^(-4/5) = 0.000631, and row 1
    is ``[sin 1, cos 1, sin 0.0251, cos 0.0251, sin 0.000631]``.
    """
    raise NotImplementedError("sinusoidal_positional_encoding: sines in the even columns, cosines in the odd ones")


def layer_norm(x: torch.Tensor, normalized_shape: int | tuple[int, ...], weight: torch.Tensor | None = None,
               bias: torch.Tensor | None = None, eps: float = 1e-5) -> torch.Tensor:
    r"""Layer normalisation, as ``torch.nn.functional.layer_norm``.

    ``normalized_shape`` names the trailing dimensions of ``x`` to normalise over: an int (the last one) or
    a tuple of the last sizes. For ``x`` of shape ``(B, S, E)``, ``E`` or ``(E,)`` normalises each position's
    E features on their own; ``(S, E)`` normalises each sequence as a whole. Every index of the leading
    dimensions has its own mean and variance. The result has the shape and dtype of ``x``.

        mean = mean of x over the normalised dims
        var  = mean of (x - mean)^2 over the same dims      biased: divided by N, not N - 1
        y    = (x - mean) / sqrt(var + eps) * weight + bias

    - ``weight`` and ``bias`` have the shape ``normalized_shape`` (they broadcast over the leading dims),
      or are ``None``: no scaling, no shift.
    - ``eps`` goes inside the square root, with the variance.
    - Compute the variance from the centred values. E[x^2] - E[x]^2 is equal in exact arithmetic, but it
      cancels catastrophically in floating point when the mean is large against the spread.
    - A group whose values are all equal has variance 0: its result is ``bias`` (0 without one), not NaN.
    - PyTorch's normalisation operators (``layer_norm``, ``group_norm``, ``batch_norm``, ``instance_norm``,
      ``rms_norm``, and their modules) are not allowed here.

    Example: x = [1, 2, 3, 4] over its 4 values has mean 2.5 and variance (2.25 + 0.25 + 0.25 + 2.25) / 4 =
    1.25, so y = (x - 2.5) / sqrt(1.25 + 1e-5) = [-1.3416, -0.4472, 0.4472, 1.3416].

    >>> layer_norm(torch.tensor([1.0, 2.0, 3.0, 4.0]), 4)
    tensor([-1.3416, -0.4472,  0.4472,  1.3416])
    """
    raise NotImplementedError("layer_norm: mean and biased variance over the trailing dims, then scale and shift")


def transformer_encoder_layer(x: torch.Tensor, params: dict[str, torch.Tensor], num_heads: int,
                              key_padding_mask: torch.Tensor | None = None) -> torch.Tensor:
    r"""One Transformer encoder layer, as ``torch.nn.TransformerEncoderLayer`` computes it from its state dict.

    The layer is ``TransformerEncoderLayer(E, num_heads, F, dropout=0.0, batch_first=True)`` in eval mode,
    holding the state dict ``params``.

    Shapes: ``x`` is ``(B, S, E)`` and so is the result; ``num_heads`` divides E. ``key_padding_mask`` is
    ``(B, S)``, boolean, ``True`` marking a padding position (as in ``multi_head_self_attention``), or
    ``None``. ``params`` holds the module's ``state_dict()``, with exactly these keys:

        self_attn.in_proj_weight    (3E, E)     self_attn.in_proj_bias    (3E,)
        self_attn.out_proj.weight   (E, E)      self_attn.out_proj.bias   (E,)
        linear1.weight              (F, E)      linear1.bias              (F,)
        linear2.weight              (E, F)      linear2.bias              (E,)
        norm1.weight, norm1.bias, norm2.weight, norm2.bias                (E,)

    F (``dim_feedforward``) is ``params["linear1.weight"].shape[0]``. With ``linear(t) = t W^T + b``:

        a   = multi_head_self_attention(x, num_heads, self_attn weights, key_padding_mask)
        y   = layer_norm(x + a, E, norm1.weight, norm1.bias, eps=1e-5)
        f   = linear2(relu(linear1(y)))
        out = layer_norm(y + f, E, norm2.weight, norm2.bias, eps=1e-5)

    - Post-norm (``norm_first=False``, the module's default and the original paper's): each residual *sum*
      is normalised, and the input of a sublayer is never normalised first; pre-norm is another layer.
    - The second residual adds ``y``, the output of the first norm, not ``x``.
    - Self-attention only, no causal mask. The padding mask hides padding positions as *keys*; they are
      still computed as queries, so their rows of the result are not zero.
    - Dropout 0 and eval mode: nothing random. Both norms use the module's ``layer_norm_eps``, 1e-5.
    - Call your own ``multi_head_self_attention`` and ``layer_norm`` from this module. PyTorch's attention,
      transformer and normalisation operators (``nn.MultiheadAttention``, ``F.scaled_dot_product_attention``,
      ``nn.TransformerEncoderLayer``, ``F.layer_norm``, ...) are not allowed here.

    Example: with every attention and feed-forward weight and bias zero, norm weights one and norm biases
    zero, ``a`` and ``f`` are zero and the result is ``layer_norm(layer_norm(x))``, which is ``layer_norm(x)``
    up to eps: ``x = [[[1., 2., 3., 4.]]]`` gives ``[[[-1.3416, -0.4472, 0.4472, 1.3416]]]``.
    """
    raise NotImplementedError("transformer_encoder_layer: attention, add & norm, feed-forward, add & norm")
