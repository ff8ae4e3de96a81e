"""The hand-written references of ``autograder.specs.attention``: their code is the answer (see
``autograder.core.key``). Never part of a student release."""

from __future__ import annotations

import math
import warnings

import torch
import torch.nn.functional as F


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


# -- classic mistakes of scaled_dot_product_attention


def _scale(query: torch.Tensor, scale: float | None) -> float:
    return 1 / math.sqrt(query.shape[-1]) if scale is None else scale


def _causal(L: int, S: int, device: torch.device, diagonal: int = 0) -> torch.Tensor:
    """True where query i may see key j: j <= i + diagonal."""
    return torch.ones(L, S, dtype=torch.bool, device=device).tril(diagonal=diagonal)


def _masked(scores: torch.Tensor, attn_mask: torch.Tensor | None, is_causal: bool) -> torch.Tensor:
    """The scores with the causal mask (aligned top-left) and ``attn_mask`` applied as they should be."""
    if is_causal:
        L, S = scores.shape[-2:]
        scores = scores.masked_fill(~_causal(L, S, scores.device), float("-inf"))
    if attn_mask is None:
        return scores
    return scores.masked_fill(~attn_mask, float("-inf")) if attn_mask.dtype == torch.bool else scores + attn_mask


def scaled_dot_product_attention_bmm_three_dims_only(query: torch.Tensor, key: torch.Tensor, value: torch.Tensor,
                                                     attn_mask: torch.Tensor | None = None, is_causal: bool = False,
                                                     scale: float | None = None) -> torch.Tensor:
    """torch.bmm and key.transpose(1, 2): right for (B, L, E) inputs, an error for any other number of dims."""
    scores = torch.bmm(query, key.transpose(1, 2)) * _scale(query, scale)
    return torch.bmm(torch.softmax(_masked(scores, attn_mask, is_causal), dim=-1), value)


def scaled_dot_product_attention_key_dot_T(query: torch.Tensor, key: torch.Tensor, value: torch.Tensor,
                                           attn_mask: torch.Tensor | None = None, is_causal: bool = False,
                                           scale: float | None = None) -> torch.Tensor:
    """key.T, which reverses every dim: right for a 2-d key only."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)  # PyTorch's deprecation of .T beyond 2 dims: the student's
        reversed_key = key.T
    scores = query @ reversed_key * _scale(query, scale)
    return torch.softmax(_masked(scores, attn_mask, is_causal), dim=-1) @ value


def scaled_dot_product_attention_softmax_over_queries(query: torch.Tensor, key: torch.Tensor, value: torch.Tensor,
                                                      attn_mask: torch.Tensor | None = None,
                                                      is_causal: bool = False,
                                                      scale: float | None = None) -> torch.Tensor:
    """The softmax taken over the queries (dim -2) instead of the keys."""
    scores = query @ key.transpose(-2, -1) * _scale(query, scale)
    return torch.softmax(_masked(scores, attn_mask, is_causal), dim=-2) @ value


def scaled_dot_product_attention_causal_bottom_right(query: torch.Tensor, key: torch.Tensor, value: torch.Tensor,
                                                     attn_mask: torch.Tensor | None = None,
                                                     is_causal: bool = False,
                                                     scale: float | None = None) -> torch.Tensor:
    """The causal mask aligned at the bottom-right corner (query i sees keys j <= i + S - L)."""
    scores = query @ key.transpose(-2, -1) * _scale(query, scale)
    if is_causal:
        L, S = scores.shape[-2:]
        scores = scores.masked_fill(~_causal(L, S, scores.device, diagonal=S - L), float("-inf"))
    return torch.softmax(_masked(scores, attn_mask, False), dim=-1) @ value


def scaled_dot_product_attention_inverted_bool_mask(query: torch.Tensor, key: torch.Tensor, value: torch.Tensor,
                                                    attn_mask: torch.Tensor | None = None, is_causal: bool = False,
                                                    scale: float | None = None) -> torch.Tensor:
    """A boolean mask read as True = leave out (a row left without keys gives NaN)."""
    if attn_mask is not None and attn_mask.dtype == torch.bool:
        attn_mask = ~attn_mask
    scores = query @ key.transpose(-2, -1) * _scale(query, scale)
    return torch.softmax(_masked(scores, attn_mask, is_causal), dim=-1) @ value


def scaled_dot_product_attention_float_mask_multiplied(query: torch.Tensor, key: torch.Tensor, value: torch.Tensor,
                                                       attn_mask: torch.Tensor | None = None,
                                                       is_causal: bool = False,
                                                       scale: float | None = None) -> torch.Tensor:
    """The scores multiplied by a float mask instead of added to it."""
    scores = _masked(query @ key.transpose(-2, -1) * _scale(query, scale), None, is_causal)
    if attn_mask is not None:
        scores = scores.masked_fill(~attn_mask, float("-inf")) if attn_mask.dtype == torch.bool else scores * attn_mask
    return torch.softmax(scores, dim=-1) @ value


def scaled_dot_product_attention_bool_mask_after_softmax(query: torch.Tensor, key: torch.Tensor,
                                                         value: torch.Tensor, attn_mask: torch.Tensor | None = None,
                                                         is_causal: bool = False,
                                                         scale: float | None = None) -> torch.Tensor:
    """The softmax weights multiplied by a boolean mask: the weights left no longer sum to 1."""
    scores = query @ key.transpose(-2, -1) * _scale(query, scale)
    if attn_mask is None or attn_mask.dtype != torch.bool:
        return torch.softmax(_masked(scores, attn_mask, is_causal), dim=-1) @ value
    weights = torch.softmax(_masked(scores, None, is_causal), dim=-1)
    return (weights * attn_mask) @ value


# -- classic mistakes of multi_head_self_attention (and the attention of transformer_encoder_layer)


def _none_bias(*biases: torch.Tensor | None) -> None:
    """What adding a ``None`` bias to a tensor raises."""
    if any(bias is None for bias in biases):
        raise TypeError("unsupported operand type(s) for +: 'Tensor' and 'NoneType'")


def _split_heads(t: torch.Tensor, num_heads: int) -> torch.Tensor:
    """(..., L, E) -> (..., heads, L, d)."""
    return t.unflatten(-1, (num_heads, t.shape[-1] // num_heads)).transpose(-3, -2)


def _merge_heads(t: torch.Tensor) -> torch.Tensor:
    """(..., heads, L, d) -> (..., L, heads * d)."""
    return t.transpose(-3, -2).flatten(-2)


def _left_out(L: int, key_padding_mask: torch.Tensor | None, is_causal: bool, device: torch.device,
              padded_queries: bool = False) -> torch.Tensor:
    """True where a query may not see a key, broadcastable against the scores (..., heads, L, L)."""
    left_out = ~_causal(L, L, device) if is_causal else torch.zeros(L, L, dtype=torch.bool, device=device)
    if key_padding_mask is not None:
        padding = key_padding_mask[..., None, :, None] if padded_queries else key_padding_mask[..., None, None, :]
        left_out = left_out | padding
    return left_out


def _attend(q: torch.Tensor, k: torch.Tensor, v: torch.Tensor, left_out: torch.Tensor, scale: float) -> torch.Tensor:
    scores = (q @ k.transpose(-2, -1) * scale).masked_fill(left_out, float("-inf"))
    return torch.softmax(scores, dim=-1) @ v


def _self_attention(x: torch.Tensor, num_heads: int, in_proj_weight: torch.Tensor,
                    in_proj_bias: torch.Tensor | None, out_proj_weight: torch.Tensor,
                    out_proj_bias: torch.Tensor | None, key_padding_mask: torch.Tensor | None,
                    is_causal: bool) -> torch.Tensor:
    """nn.MultiheadAttention's self-attention, written out."""
    q, k, v = (_split_heads(t, num_heads) for t in F.linear(x, in_proj_weight, in_proj_bias).chunk(3, dim=-1))
    left_out = _left_out(x.shape[-2], key_padding_mask, is_causal, x.device)
    heads = _attend(q, k, v, left_out, 1 / math.sqrt(q.shape[-1]))
    return F.linear(_merge_heads(heads), out_proj_weight, out_proj_bias)


def multi_head_self_attention_none_bias_added(x: torch.Tensor, num_heads: int, in_proj_weight: torch.Tensor,
                                              in_proj_bias: torch.Tensor | None, out_proj_weight: torch.Tensor,
                                              out_proj_bias: torch.Tensor | None,
                                              key_padding_mask: torch.Tensor | None = None,
                                              is_causal: bool = False) -> torch.Tensor:
    """Adds both biases whether given or not: a ``None`` bias raises TypeError."""
    _none_bias(in_proj_bias, out_proj_bias)
    return _self_attention(x, num_heads, in_proj_weight, in_proj_bias, out_proj_weight, out_proj_bias,
                           key_padding_mask, is_causal)


def multi_head_self_attention_batch_dim_assumed(x: torch.Tensor, num_heads: int, in_proj_weight: torch.Tensor,
                                                in_proj_bias: torch.Tensor | None, out_proj_weight: torch.Tensor,
                                                out_proj_bias: torch.Tensor | None,
                                                key_padding_mask: torch.Tensor | None = None,
                                                is_causal: bool = False) -> torch.Tensor:
    """Unpacks B, L, E = x.shape: ValueError on an unbatched (L, E) input."""
    batch, length, width = x.shape
    return _self_attention(x, num_heads, in_proj_weight, in_proj_bias, out_proj_weight, out_proj_bias,
                           key_padding_mask, is_causal)


def multi_head_self_attention_inverted_padding_mask(x: torch.Tensor, num_heads: int, in_proj_weight: torch.Tensor,
                                                    in_proj_bias: torch.Tensor | None,
                                                    out_proj_weight: torch.Tensor,
                                                    out_proj_bias: torch.Tensor | None,
                                                    key_padding_mask: torch.Tensor | None = None,
                                                    is_causal: bool = False) -> torch.Tensor:
    """key_padding_mask read as True = attend (a row left without keys gives NaN)."""
    inverted = None if key_padding_mask is None else ~key_padding_mask
    return _self_attention(x, num_heads, in_proj_weight, in_proj_bias, out_proj_weight, out_proj_bias, inverted,
                           is_causal)


def multi_head_self_attention_padding_masks_queries(x: torch.Tensor, num_heads: int, in_proj_weight: torch.Tensor,
                                                    in_proj_bias: torch.Tensor | None,
                                                    out_proj_weight: torch.Tensor,
                                                    out_proj_bias: torch.Tensor | None,
                                                    key_padding_mask: torch.Tensor | None = None,
                                                    is_causal: bool = False) -> torch.Tensor:
    """key_padding_mask applied to the rows (queries) of the scores instead of the columns (keys)."""
    q, k, v = (_split_heads(t, num_heads) for t in F.linear(x, in_proj_weight, in_proj_bias).chunk(3, dim=-1))
    left_out = _left_out(x.shape[-2], key_padding_mask, is_causal, x.device, padded_queries=True)
    heads = _attend(q, k, v, left_out, 1 / math.sqrt(q.shape[-1]))
    return F.linear(_merge_heads(heads), out_proj_weight, out_proj_bias)


def multi_head_self_attention_qkv_order(x: torch.Tensor, num_heads: int, in_proj_weight: torch.Tensor,
                                        in_proj_bias: torch.Tensor | None, out_proj_weight: torch.Tensor,
                                        out_proj_bias: torch.Tensor | None,
                                        key_padding_mask: torch.Tensor | None = None,
                                        is_causal: bool = False) -> torch.Tensor:
    """The stacked projections taken in the order k, q, v instead of q, k, v."""
    k, q, v = (_split_heads(t, num_heads) for t in F.linear(x, in_proj_weight, in_proj_bias).chunk(3, dim=-1))
    left_out = _left_out(x.shape[-2], key_padding_mask, is_causal, x.device)
    heads = _attend(q, k, v, left_out, 1 / math.sqrt(q.shape[-1]))
    return F.linear(_merge_heads(heads), out_proj_weight, out_proj_bias)


def multi_head_self_attention_scale_by_embed_dim(x: torch.Tensor, num_heads: int, in_proj_weight: torch.Tensor,
                                                 in_proj_bias: torch.Tensor | None, out_proj_weight: torch.Tensor,
                                                 out_proj_bias: torch.Tensor | None,
                                                 key_padding_mask: torch.Tensor | None = None,
                                                 is_causal: bool = False) -> torch.Tensor:
    """Scores scaled by 1/sqrt(E), the full width, instead of 1/sqrt(d), one head's."""
    q, k, v = (_split_heads(t, num_heads) for t in F.linear(x, in_proj_weight, in_proj_bias).chunk(3, dim=-1))
    left_out = _left_out(x.shape[-2], key_padding_mask, is_causal, x.device)
    heads = _attend(q, k, v, left_out, 1 / math.sqrt(x.shape[-1]))
    return F.linear(_merge_heads(heads), out_proj_weight, out_proj_bias)


def multi_head_self_attention_no_out_projection(x: torch.Tensor, num_heads: int, in_proj_weight: torch.Tensor,
                                                in_proj_bias: torch.Tensor | None, out_proj_weight: torch.Tensor,
                                                out_proj_bias: torch.Tensor | None,
                                                key_padding_mask: torch.Tensor | None = None,
                                                is_causal: bool = False) -> torch.Tensor:
    """The merged heads returned without the output projection."""
    q, k, v = (_split_heads(t, num_heads) for t in F.linear(x, in_proj_weight, in_proj_bias).chunk(3, dim=-1))
    left_out = _left_out(x.shape[-2], key_padding_mask, is_causal, x.device)
    return _merge_heads(_attend(q, k, v, left_out, 1 / math.sqrt(q.shape[-1])))


def multi_head_self_attention_merge_heads_order(x: torch.Tensor, num_heads: int, in_proj_weight: torch.Tensor,
                                                in_proj_bias: torch.Tensor | None, out_proj_weight: torch.Tensor,
                                                out_proj_bias: torch.Tensor | None,
                                                key_padding_mask: torch.Tensor | None = None,
                                                is_causal: bool = False) -> torch.Tensor:
    """The heads merged feature-major: (..., heads, L, d) -> (..., L, d, heads), interleaving the heads."""
    q, k, v = (_split_heads(t, num_heads) for t in F.linear(x, in_proj_weight, in_proj_bias).chunk(3, dim=-1))
    left_out = _left_out(x.shape[-2], key_padding_mask, is_causal, x.device)
    heads = _attend(q, k, v, left_out, 1 / math.sqrt(q.shape[-1]))
    merged = heads.movedim(-3, -1).flatten(-2)
    return F.linear(merged, out_proj_weight, out_proj_bias)


def multi_head_self_attention_split_without_transpose(x: torch.Tensor, num_heads: int,
                                                      in_proj_weight: torch.Tensor,
                                                      in_proj_bias: torch.Tensor | None,
                                                      out_proj_weight: torch.Tensor,
                                                      out_proj_bias: torch.Tensor | None,
                                                      key_padding_mask: torch.Tensor | None = None,
                                                      is_causal: bool = False) -> torch.Tensor:
    """The heads split by a plain reshape (..., L, E) -> (..., heads, L, d), and merged back by one, which mixes
    positions and features."""
    L, E = x.shape[-2:]
    q, k, v = (t.reshape(*t.shape[:-2], num_heads, L, E // num_heads)
               for t in F.linear(x, in_proj_weight, in_proj_bias).chunk(3, dim=-1))
    heads = _attend(q, k, v, _left_out(L, key_padding_mask, is_causal, x.device), 1 / math.sqrt(E // num_heads))
    return F.linear(heads.reshape(*heads.shape[:-3], L, E), out_proj_weight, out_proj_bias)


# -- classic mistakes of sinusoidal_positional_encoding


def _angles(seq_len: int, d_model: int, first_position: int = 0) -> torch.Tensor:
    """(seq_len, ceil(d_model / 2)) float64: pos / 10000^(2i / d_model)."""
    position = torch.arange(first_position, first_position + seq_len, dtype=torch.float64).unsqueeze(1)
    return position / torch.pow(10000.0, torch.arange(0, d_model, 2, dtype=torch.float64) / d_model)


def _interleaved(even: torch.Tensor, odd: torch.Tensor, d_model: int) -> torch.Tensor:
    """``even`` in columns 0, 2, 4, ... and ``odd`` in columns 1, 3, ..., rounded to float32."""
    table = torch.zeros(even.shape[0], d_model, dtype=torch.float64)
    table[:, 0::2] = even
    table[:, 1::2] = odd[:, : d_model // 2]
    return table.to(torch.float32)


def sinusoidal_positional_encoding_float64(seq_len: int, d_model: int) -> torch.Tensor:
    """The right values, returned as the float64 table computed instead of float32."""
    angles = _angles(seq_len, d_model)
    table = torch.zeros(seq_len, d_model, dtype=torch.float64)
    table[:, 0::2] = torch.sin(angles)
    table[:, 1::2] = torch.cos(angles)[:, : d_model // 2]
    return table


def sinusoidal_positional_encoding_odd_d_model_not_handled(seq_len: int, d_model: int) -> torch.Tensor:
    """As many cosine columns written as there are frequencies: a RuntimeError where d_model is odd."""
    angles = _angles(seq_len, d_model)
    table = torch.zeros(seq_len, d_model)
    table[:, 0::2] = torch.sin(angles)
    table[:, 1::2] = torch.cos(angles)
    return table


def sinusoidal_positional_encoding_positions_from_one(seq_len: int, d_model: int) -> torch.Tensor:
    """Positions numbered 1 .. seq_len instead of 0 .. seq_len - 1."""
    angles = _angles(seq_len, d_model, first_position=1)
    return _interleaved(torch.sin(angles), torch.cos(angles), d_model)


def sinusoidal_positional_encoding_swapped_sin_cos(seq_len: int, d_model: int) -> torch.Tensor:
    """Cosines in the even columns and sines in the odd ones."""
    angles = _angles(seq_len, d_model)
    return _interleaved(torch.cos(angles), torch.sin(angles), d_model)


def sinusoidal_positional_encoding_concatenated_halves(seq_len: int, d_model: int) -> torch.Tensor:
    """All the sines in the first columns, then the cosines (tensor2tensor's layout)."""
    angles = _angles(seq_len, d_model)
    return torch.cat([torch.sin(angles), torch.cos(angles)], dim=1)[:, :d_model].to(torch.float32)


def sinusoidal_positional_encoding_exponent_per_column(seq_len: int, d_model: int) -> torch.Tensor:
    """Each column's exponent from its own index j, 10000^(j / d_model): the cosines use (2i + 1) / d_model."""
    column = torch.arange(d_model, dtype=torch.float64)
    angles = torch.arange(seq_len, dtype=torch.float64).unsqueeze(1) / torch.pow(10000.0, column / d_model)
    return torch.where(column % 2 == 0, torch.sin(angles), torch.cos(angles)).to(torch.float32)


# -- classic mistakes of layer_norm (and the norms of transformer_encoder_layer)


def _normalized_dims(normalized_shape: int | tuple[int, ...]) -> tuple[int, ...]:
    count = 1 if isinstance(normalized_shape, int) else len(tuple(normalized_shape))
    return tuple(range(-count, 0))


def _affine(y: torch.Tensor, weight: torch.Tensor | None, bias: torch.Tensor | None) -> torch.Tensor:
    return y * (1 if weight is None else weight) + (0 if bias is None else bias)


def layer_norm_int_shape_not_handled(x: torch.Tensor, normalized_shape: int | tuple[int, ...],
                                     weight: torch.Tensor | None = None, bias: torch.Tensor | None = None,
                                     eps: float = 1e-5) -> torch.Tensor:
    """len(normalized_shape) taken without turning an int into a tuple first: TypeError on an int."""
    if isinstance(normalized_shape, int):
        raise TypeError("object of type 'int' has no len()")
    dims = _normalized_dims(normalized_shape)
    var, mean = torch.var_mean(x, dim=dims, correction=0, keepdim=True)
    return _affine((x - mean) / torch.sqrt(var + eps), weight, bias)


def layer_norm_eps_outside_sqrt(x: torch.Tensor, normalized_shape: int | tuple[int, ...],
                                weight: torch.Tensor | None = None, bias: torch.Tensor | None = None,
                                eps: float = 1e-5) -> torch.Tensor:
    """(x - mean) / (sqrt(var) + eps): eps added to the standard deviation instead of inside the root."""
    dims = _normalized_dims(normalized_shape)
    var, mean = torch.var_mean(x, dim=dims, correction=0, keepdim=True)
    return _affine((x - mean) / (torch.sqrt(var) + eps), weight, bias)


def layer_norm_last_dim_only(x: torch.Tensor, normalized_shape: int | tuple[int, ...],
                             weight: torch.Tensor | None = None, bias: torch.Tensor | None = None,
                             eps: float = 1e-5) -> torch.Tensor:
    """Normalises over the last dimension alone, whatever normalized_shape says."""
    var, mean = torch.var_mean(x, dim=-1, correction=0, keepdim=True)
    return _affine((x - mean) / torch.sqrt(var + eps), weight, bias)


def layer_norm_naive_variance(x: torch.Tensor, normalized_shape: int | tuple[int, ...],
                              weight: torch.Tensor | None = None, bias: torch.Tensor | None = None,
                              eps: float = 1e-5) -> torch.Tensor:
    """The variance as E[x^2] - E[x]^2, lost to cancellation where the mean is large against the spread."""
    dims = _normalized_dims(normalized_shape)
    mean = x.mean(dim=dims, keepdim=True)
    var = (x * x).mean(dim=dims, keepdim=True) - mean * mean
    return _affine((x - mean) / torch.sqrt(var + eps), weight, bias)


# -- classic mistakes of transformer_encoder_layer


def _norm(t: torch.Tensor, weight: torch.Tensor, bias: torch.Tensor) -> torch.Tensor:
    var, mean = torch.var_mean(t, dim=-1, correction=0, keepdim=True)
    return (t - mean) / torch.sqrt(var + 1e-5) * weight + bias


def transformer_encoder_layer_second_residual_from_input(x: torch.Tensor, params: dict[str, torch.Tensor],
                                                         num_heads: int,
                                                         key_padding_mask: torch.Tensor | None = None
                                                         ) -> torch.Tensor:
    """The layer's input x, not the first norm's output, added to the feed-forward result."""
    attended = _self_attention(x, num_heads, params["self_attn.in_proj_weight"], params["self_attn.in_proj_bias"],
                               params["self_attn.out_proj.weight"], params["self_attn.out_proj.bias"],
                               key_padding_mask, False)
    y = _norm(x + attended, params["norm1.weight"], params["norm1.bias"])
    hidden = F.relu(F.linear(y, params["linear1.weight"], params["linear1.bias"]))
    fed = F.linear(hidden, params["linear2.weight"], params["linear2.bias"])
    return _norm(x + fed, params["norm2.weight"], params["norm2.bias"])
