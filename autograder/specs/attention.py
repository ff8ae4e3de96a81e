"""Attention: scaled dot-product attention, multi-head self-attention, positional encoding, layer norm and a
Transformer encoder layer."""

from __future__ import annotations

import functools
import math
import random

import torch
import torch.nn.functional as F
from torch import nn

from autograder.core.key import answer_key
from autograder.core.spec import Case, Exercise, Mistake, Timing, randn

ORDER = 40

# Every name that computes attention in one call: the dispatcher's entry point, the backends it picks
# between (CPU and CUDA), the fused multi-head kernel and the functional multi-head path.
ATTENTION_OPERATORS = (
    "aten::scaled_dot_product_attention",
    "aten::_scaled_dot_product_attention_math",
    "aten::_scaled_dot_product_flash_attention_for_cpu",
    "aten::_scaled_dot_product_flash_attention",
    "aten::_scaled_dot_product_efficient_attention",
    "aten::_scaled_dot_product_cudnn_attention",
    "aten::_fused_sdp_choice",
    "aten::_native_multi_head_attention",
    "torch.nn.functional.multi_head_attention_forward",
)


# ---------------------------------------------------------------------------------------------------------
# scaled_dot_product_attention


def scaled_dot_product_attention_reference(query: torch.Tensor, key: torch.Tensor, value: torch.Tensor,
                                           attn_mask: torch.Tensor | None = None, is_causal: bool = False,
                                           scale: float | None = None) -> torch.Tensor:
    return F.scaled_dot_product_attention(query, key, value, attn_mask=attn_mask, dropout_p=0.0,
                                          is_causal=is_causal, scale=scale)


def _allowed_pairs(shape: tuple[int, ...], gen: torch.Generator) -> torch.Tensor:
    """A random boolean mask (True = takes part) in which every row lets at least one key through.

    A row with no key at all has no defined softmax: PyTorch's CPU backends return zeros for it, and what
    other backends return is theirs to choose, so the cases never produce one.
    """
    allowed = torch.rand(shape, generator=gen) < 0.6
    keep = torch.randint(0, shape[-1], shape[:-1] + (1,), generator=gen)
    return allowed.scatter(-1, keep, True)


def _attention_mask(kind: str, shape_kind: str, batch: tuple[int, ...], L: int, S: int, dtype: str,
                    gen: torch.Generator) -> torch.Tensor | None:
    """``kind``: none, bool, float (finite, added) or float_neg_inf (finite with some -inf).

    ``shape_kind`` is how the mask broadcasts against the scores ``(*batch, L, S)``: LS (one mask for every
    batch entry), full, keys (``(*batch, 1, S)``: the same keys hidden from every query) or outer
    (``(batch[0], 1, ..., L, S)``: one mask per entry of the first batch dim, shared by the others).
    """
    if kind == "none":
        return None
    shape = {
        "LS": (L, S),
        "full": batch + (L, S),
        "keys": batch + (1, S),
        "outer": batch[:1] + (1,) * (len(batch) - 1) + (L, S),
    }[shape_kind]
    if kind == "bool":
        return _allowed_pairs(shape, gen)
    additive = randn(shape, gen, dtype)
    if kind == "float_neg_inf":
        additive = additive.masked_fill(~_allowed_pairs(shape, gen), float("-inf"))
    return additive


def _sdpa_inputs(params, gen):
    """``batch`` lists the leading dims (possibly none); ``mask`` and ``mask_shape`` as in ``_attention_mask``."""
    batch = tuple(params["batch"])
    L, S, E, Ev, dtype = params["L"], params["S"], params["E"], params["Ev"], params["dtype"]
    # query entries of std 1.5 give scores q.k/sqrt(E) of std about 1.5: a softmax that neither picks one key
    # outright nor averages them all, so a wrong scale or a wrong axis shows
    return dict(
        query=randn(batch + (L, E), gen, dtype, scale=1.5),
        key=randn(batch + (S, E), gen, dtype),
        value=randn(batch + (S, Ev), gen, dtype),
        attn_mask=_attention_mask(params["mask"], params["mask_shape"], batch, L, S, dtype, gen),
        is_causal=params["is_causal"],
        scale=params["scale"],
    )


def _sdpa_case(batch: list[int], L: int, S: int, E: int, Ev: int, dtype: str = "float32", mask: str = "none",
               mask_shape: str = "LS", is_causal: bool = False, scale: float | None = None) -> dict:
    return dict(batch=batch, L=L, S=S, E=E, Ev=Ev, dtype=dtype, mask=mask, mask_shape=mask_shape,
                is_causal=is_causal, scale=scale)


def _random_sdpa(rng: random.Random) -> dict:
    batch = [rng.randint(1, 4) for _ in range(rng.choice([0, 1, 1, 2, 2, 3]))]
    mask = rng.choice(["none", "none", "bool", "float", "float_neg_inf"])
    shapes = ["LS", "full", "keys"] + (["outer"] if len(batch) >= 2 else [])
    # PyTorch refuses an explicit mask together with is_causal
    is_causal = mask == "none" and rng.random() < 0.5
    scale = round(rng.uniform(0.1, 1.5), 3) if rng.random() < 0.3 else None
    return _sdpa_case(batch, L=rng.randint(1, 10), S=rng.randint(1, 10), E=rng.randint(1, 12),
                      Ev=rng.randint(1, 12), dtype=rng.choice(["float32", "float64"]), mask=mask,
                      mask_shape=rng.choice(shapes), is_causal=is_causal, scale=scale)


# ---------------------------------------------------------------------------------------------------------
# multi_head_self_attention


def multi_head_self_attention_reference(x: torch.Tensor, num_heads: int, in_proj_weight: torch.Tensor,
                                        in_proj_bias: torch.Tensor | None, out_proj_weight: torch.Tensor,
                                        out_proj_bias: torch.Tensor | None,
                                        key_padding_mask: torch.Tensor | None = None,
                                        is_causal: bool = False) -> torch.Tensor:
    """``nn.MultiheadAttention(E, num_heads, batch_first=True)`` holding these weights, on ``(x, x, x)``.

    The module has one ``bias`` switch for both projections; where only one bias is given, the other is
    zero, which adds nothing. ``skip_init`` builds it without drawing random weights that would be
    overwritten at once (and without touching the global random state).
    """
    L, E = x.shape[-2:]
    with torch.no_grad():
        module = torch.nn.utils.skip_init(nn.MultiheadAttention, E, num_heads, batch_first=True,
                                          bias=in_proj_bias is not None or out_proj_bias is not None,
                                          device=x.device, dtype=x.dtype).eval()
        module.in_proj_weight.copy_(in_proj_weight)
        module.out_proj.weight.copy_(out_proj_weight)
        if module.in_proj_bias is not None:
            module.in_proj_bias.copy_(in_proj_bias if in_proj_bias is not None else 0)
            module.out_proj.bias.copy_(out_proj_bias if out_proj_bias is not None else 0)
        attn_mask = None
        if is_causal:
            # the module takes is_causal only as a hint that comes with the mask itself
            attn_mask = nn.Transformer.generate_square_subsequent_mask(L, device=x.device, dtype=x.dtype)
            if key_padding_mask is not None:
                # the same kind of mask for both, as PyTorch deprecates mixing a boolean and a float one
                key_padding_mask = torch.zeros(key_padding_mask.shape, device=x.device, dtype=x.dtype
                                               ).masked_fill(key_padding_mask, float("-inf"))
        out, _ = module(x, x, x, key_padding_mask=key_padding_mask, need_weights=False, attn_mask=attn_mask,
                        is_causal=is_causal)
    return out


def _key_padding_mask(kind: str, lead: tuple[int, ...], L: int, is_causal: bool,
                      gen: torch.Generator) -> torch.Tensor | None:
    """``kind``: none; right (each sequence a random length, padded at the end, at least one sequence
    padded); or random (scattered padding). True = padding. No query is left without a key to attend to:
    under the causal mask position 0 sees only key 0, so key 0 is then never padding."""
    if kind == "none":
        return None
    if kind == "right":
        lengths = torch.randint(1, L + 1, lead, generator=gen)
        if L > 1 and bool((lengths == L).all()):
            lengths.view(-1)[-1] = max(1, L // 2)
        return torch.arange(L) >= lengths.unsqueeze(-1)
    padded = torch.rand(lead + (L,), generator=gen) < 0.35
    if is_causal:
        keep = torch.zeros(lead + (1,), dtype=torch.long)
    else:
        keep = torch.randint(0, L, lead + (1,), generator=gen)
    return padded.scatter(-1, keep, False)


def _mhsa_inputs(params, gen):
    """``B`` absent means one unbatched sequence ``(L, E)``; ``E = num_heads * head_dim``; ``bias`` is both,
    none, in or out; ``padding`` as in ``_key_padding_mask``."""
    heads, head_dim, L, dtype = params["num_heads"], params["head_dim"], params["L"], params["dtype"]
    E = heads * head_dim
    lead = (params["B"],) if "B" in params else ()
    bias = params["bias"]
    # W ~ N(0, 1/E) keeps q, k, v entries near unit size; the factor 1.5 gives scores of std about 1.5 per
    # head (softmax neither flat nor one-hot), so a scale by sqrt(E) instead of sqrt(d) shows
    return dict(
        x=randn(lead + (L, E), gen, dtype),
        num_heads=heads,
        in_proj_weight=randn((3 * E, E), gen, dtype, scale=1.5 / math.sqrt(E)),
        in_proj_bias=randn((3 * E,), gen, dtype, scale=0.5) if bias in ("both", "in") else None,
        out_proj_weight=randn((E, E), gen, dtype, scale=1 / math.sqrt(E)),
        out_proj_bias=randn((E,), gen, dtype, scale=0.5) if bias in ("both", "out") else None,
        key_padding_mask=_key_padding_mask(params["padding"], lead, L, params["is_causal"], gen),
        is_causal=params["is_causal"],
    )


def _mhsa_case(L: int, num_heads: int, head_dim: int, B: int | None = 2, bias: str = "both",
               padding: str = "none", is_causal: bool = False, dtype: str = "float32") -> dict:
    params = dict(L=L, num_heads=num_heads, head_dim=head_dim, bias=bias, padding=padding, is_causal=is_causal,
                  dtype=dtype)
    if B is not None:
        params["B"] = B
    return params


def _random_mhsa(rng: random.Random) -> dict:
    return _mhsa_case(L=rng.randint(1, 8), num_heads=rng.randint(1, 4), head_dim=rng.randint(1, 6),
                      B=rng.randint(1, 4) if rng.random() < 0.8 else None,
                      bias=rng.choice(["both", "both", "none", "in", "out"]),
                      padding=rng.choice(["none", "right", "random"]), is_causal=rng.random() < 0.4,
                      dtype=rng.choice(["float32", "float64"]))


EXERCISES = [
    Exercise(
        id="scaled_dot_product_attention",
        module="attention",
        summary="softmax(Q K^T * scale + mask) V with boolean, float and causal masks",
        reference_note="`F.scaled_dot_product_attention`",
        points=10,
        reference=scaled_dot_product_attention_reference,
        make_inputs=_sdpa_inputs,
        # L, S, E, Ev differ from each other (and sqrt(E) from sqrt(Ev), sqrt(L), sqrt(S)) unless the name
        # says otherwise, so a scale taken from the wrong width or an axis mixed up shows
        edge_cases=(
            Case("basic", _sdpa_case([3], L=4, S=6, E=8, Ev=5)),
            Case("unbatched", _sdpa_case([], L=5, S=3, E=6, Ev=4)),
            Case("two_batch_dims", _sdpa_case([2, 3], L=4, S=7, E=5, Ev=6)),
            Case("three_batch_dims", _sdpa_case([2, 1, 3], L=3, S=5, E=4, Ev=7)),
            Case("L_gt_S", _sdpa_case([2], L=7, S=3, E=6, Ev=4)),
            Case("single_query", _sdpa_case([2], L=1, S=6, E=5, Ev=3)),
            Case("custom_scale", _sdpa_case([3], L=4, S=6, E=8, Ev=5, scale=0.9)),
            Case("bool_mask", _sdpa_case([3], L=4, S=6, E=8, Ev=5, mask="bool")),
            Case("bool_mask_full", _sdpa_case([2, 3], L=5, S=4, E=6, Ev=3, mask="bool", mask_shape="full")),
            Case("bool_mask_keys", _sdpa_case([2, 3], L=4, S=7, E=5, Ev=6, mask="bool", mask_shape="keys")),
            Case("float_mask", _sdpa_case([3], L=4, S=6, E=8, Ev=5, mask="float")),
            Case("float_mask_outer", _sdpa_case([2, 3], L=5, S=4, E=6, Ev=3, mask="float", mask_shape="outer")),
            Case("float_mask_neg_inf", _sdpa_case([2], L=6, S=5, E=4, Ev=7, mask="float_neg_inf",
                                                  mask_shape="full")),
            Case("causal_square", _sdpa_case([2], L=5, S=5, E=6, Ev=4, is_causal=True)),
            Case("causal_L_lt_S", _sdpa_case([2], L=3, S=7, E=6, Ev=4, is_causal=True)),
            Case("causal_L_gt_S", _sdpa_case([2], L=7, S=3, E=6, Ev=4, is_causal=True)),
            Case("float64", _sdpa_case([3], L=4, S=6, E=8, Ev=5, dtype="float64")),
            Case("float64_bool_mask_unbatched", _sdpa_case([], L=5, S=6, E=3, Ev=4, dtype="float64", mask="bool")),
            Case("float64_causal_scale", _sdpa_case([2, 2], L=4, S=6, E=5, Ev=3, dtype="float64", is_causal=True,
                                                    scale=0.8)),
        ),
        random_case=_random_sdpa,
        n_random=20,
        shrink={"L": 1, "S": 1, "E": 1, "Ev": 1},
        timing=Timing(_sdpa_case([4, 4], L=128, S=96, E=32, Ev=48), budget=10.0),
        forbidden=ATTENTION_OPERATORS,
    ),
    Exercise(
        id="multi_head_self_attention",
        module="attention",
        summary="nn.MultiheadAttention's self-attention from its weights: split, attend, merge, project",
        reference_note="`nn.MultiheadAttention`",
        points=15,
        reference=multi_head_self_attention_reference,
        make_inputs=_mhsa_inputs,
        # B, L, heads and head_dim differ from each other, so a view taken in the wrong order shows
        edge_cases=(
            Case("basic", _mhsa_case(L=5, num_heads=3, head_dim=4)),
            Case("unbatched", _mhsa_case(L=5, num_heads=3, head_dim=4, B=None)),
            Case("one_head", _mhsa_case(L=4, num_heads=1, head_dim=6, B=3)),
            Case("many_heads", _mhsa_case(L=6, num_heads=4, head_dim=3, B=2)),
            Case("one_token", _mhsa_case(L=1, num_heads=2, head_dim=3, B=4)),
            Case("no_bias", _mhsa_case(L=5, num_heads=3, head_dim=4, bias="none")),
            Case("in_proj_bias_only", _mhsa_case(L=5, num_heads=3, head_dim=4, bias="in")),
            Case("out_proj_bias_only", _mhsa_case(L=5, num_heads=3, head_dim=4, bias="out")),
            Case("padding_right", _mhsa_case(L=6, num_heads=2, head_dim=5, B=3, padding="right")),
            Case("padding_random", _mhsa_case(L=5, num_heads=3, head_dim=4, padding="random")),
            Case("causal", _mhsa_case(L=5, num_heads=3, head_dim=4, is_causal=True)),
            Case("causal_padding_right", _mhsa_case(L=6, num_heads=2, head_dim=5, B=3, padding="right",
                                                    is_causal=True)),
            Case("unbatched_causal", _mhsa_case(L=5, num_heads=3, head_dim=4, B=None, is_causal=True)),
            Case("unbatched_padding", _mhsa_case(L=5, num_heads=3, head_dim=4, B=None, padding="random")),
            Case("float64", _mhsa_case(L=5, num_heads=3, head_dim=4, dtype="float64")),
            Case("float64_no_bias_causal_padding", _mhsa_case(L=6, num_heads=2, head_dim=5, B=3, bias="none",
                                                              padding="random", is_causal=True,
                                                              dtype="float64")),
        ),
        random_case=_random_mhsa,
        n_random=20,
        shrink={"B": 1, "L": 1, "num_heads": 1, "head_dim": 1},
        timing=Timing(_mhsa_case(L=64, num_heads=8, head_dim=16, B=4), budget=10.0),
        # calling torch's attention per head (or the whole module) would skip the exercise
        forbidden=ATTENTION_OPERATORS,
    ),
]


# ---------------------------------------------------------------------------------------------------------
# sinusoidal_positional_encoding


def _pe_inputs(params, gen):
    return dict(seq_len=params["seq_len"], d_model=params["d_model"])


def _random_pe(rng: random.Random) -> dict:
    return dict(seq_len=rng.randint(1, 100), d_model=rng.randint(1, 64))


# ---------------------------------------------------------------------------------------------------------
# layer_norm

# Every operator that normalises in one call: layer norm itself, and the norms that compute it once the
# input is reshaped (group norm with one group, batch or instance norm over a transposed view, RMS norm of
# the centred input).
NORM_OPERATORS = (
    "aten::layer_norm",
    "aten::native_layer_norm",
    "aten::group_norm",
    "aten::native_group_norm",
    "aten::batch_norm",
    "aten::native_batch_norm",
    "aten::_native_batch_norm_legit",
    "aten::_native_batch_norm_legit_no_training",
    "aten::_batch_norm_impl_index",
    "aten::_batch_norm_with_update",
    "aten::_batch_norm_no_update",
    "aten::instance_norm",
    "aten::rms_norm",
    "aten::_fused_rms_norm",
)


def layer_norm_reference(x: torch.Tensor, normalized_shape: int | tuple[int, ...], weight: torch.Tensor | None = None,
                         bias: torch.Tensor | None = None, eps: float = 1e-5) -> torch.Tensor:
    shape = [normalized_shape] if isinstance(normalized_shape, int) else list(normalized_shape)
    return F.layer_norm(x, shape, weight, bias, eps)


def _layer_norm_inputs(params, gen):
    """``shape`` of ``x``; its last ``ndims`` dims are normalised (passed as an int when ``as_int``);
    ``affine`` is both, none, weight or bias; ``eps`` None leaves the default; ``offset`` and ``scale`` set
    the inputs' mean and spread; ``constant`` makes every normalised group one repeated value."""
    shape, ndims, dtype = tuple(params["shape"]), params["ndims"], params["dtype"]
    normalized = shape[len(shape) - ndims:]
    if params.get("constant"):
        # multiples of 1/4 sum exactly, so the mean is the value itself and the variance exactly zero
        values = torch.randint(-8, 9, shape[: len(shape) - ndims], generator=gen).to(getattr(torch, dtype)) / 4
        x = values.reshape(values.shape + (1,) * ndims).expand(shape).contiguous()
    else:
        x = randn(shape, gen, dtype, scale=params.get("scale", 1.0), offset=params.get("offset", 0.0))
    affine = params["affine"]
    # weights around 1 and biases around 0, as trained ones are, but far enough from them to matter
    inputs = dict(
        x=x,
        normalized_shape=normalized[0] if params["as_int"] else normalized,
        weight=randn(normalized, gen, dtype, scale=0.5, offset=1.0) if affine in ("both", "weight") else None,
        bias=randn(normalized, gen, dtype, scale=0.5) if affine in ("both", "bias") else None,
    )
    if params["eps"] is not None:
        inputs["eps"] = params["eps"]
    return inputs


def _layer_norm_case(shape: list[int], ndims: int = 1, as_int: bool = False, affine: str = "both",
                     eps: float | None = None, dtype: str = "float32", **extra: float | bool) -> dict:
    return dict(shape=shape, ndims=ndims, as_int=as_int and ndims == 1, affine=affine, eps=eps, dtype=dtype,
                **extra)


def _random_layer_norm(rng: random.Random) -> dict:
    shape = [rng.randint(1, 6) for _ in range(rng.randint(1, 4))]
    ndims = rng.randint(1, len(shape))
    # a normalised group of one element has variance 0: the output is the bias alone, a fine case but not
    # one to draw often
    if all(size == 1 for size in shape[len(shape) - ndims:]):
        shape[-1] = rng.randint(2, 6)
    return _layer_norm_case(shape, ndims, as_int=rng.random() < 0.5,
                            affine=rng.choice(["both", "both", "none", "weight", "bias"]),
                            eps=rng.choice([None, None, 1e-3, 0.1]), dtype=rng.choice(["float32", "float64"]))


# ---------------------------------------------------------------------------------------------------------
# transformer_encoder_layer


def transformer_encoder_layer_reference(x: torch.Tensor, params: dict[str, torch.Tensor], num_heads: int,
                                        key_padding_mask: torch.Tensor | None = None) -> torch.Tensor:
    """``nn.TransformerEncoderLayer(E, num_heads, F, dropout=0.0, batch_first=True)`` in eval mode, holding
    ``params`` as its state dict.

    With an even ``num_heads`` PyTorch runs its fused fast path (``_transformer_encoder_layer_fwd``), with an
    odd one the composed path; both agree to rounding (checked in ``tests/specs/test_reference_attention.py``),
    and they differ only on a query with no key left, which no case has.
    """
    layer = _encoder_layer(x.shape[-1], num_heads, params["linear1.weight"].shape[0], x.dtype)
    # assign: the module takes these very tensors (on their device) as its parameters, no copy
    layer.load_state_dict(params, assign=True)
    with torch.no_grad():
        return layer(x, src_key_padding_mask=key_padding_mask)


@functools.lru_cache(maxsize=8)
def _encoder_layer(E: int, num_heads: int, dim_feedforward: int, dtype: torch.dtype) -> nn.TransformerEncoderLayer:
    """An empty layer of this shape (on the meta device: no memory, no random init), built once: building one
    costs several times what running it does, which would inflate the reference's time and so loosen the
    timing budget."""
    with torch.device("meta"):
        layer = nn.TransformerEncoderLayer(E, num_heads, dim_feedforward, dropout=0.0, batch_first=True,
                                           dtype=dtype)
    return layer.eval()


def _encoder_params(E: int, dim_feedforward: int, dtype: str, gen: torch.Generator) -> dict[str, torch.Tensor]:
    """A state dict whose every entry matters: attention weights as in multi_head_self_attention, feed-forward
    weights of scale 1/sqrt(fan_in) with biases that let ReLU cut about a third of the units, and norm
    weights and biases far enough from 1 and 0 that swapping norm1 and norm2 shows."""
    return {
        "self_attn.in_proj_weight": randn((3 * E, E), gen, dtype, scale=1.5 / math.sqrt(E)),
        "self_attn.in_proj_bias": randn((3 * E,), gen, dtype, scale=0.5),
        "self_attn.out_proj.weight": randn((E, E), gen, dtype, scale=1 / math.sqrt(E)),
        "self_attn.out_proj.bias": randn((E,), gen, dtype, scale=0.5),
        "linear1.weight": randn((dim_feedforward, E), gen, dtype, scale=1 / math.sqrt(E)),
        "linear1.bias": randn((dim_feedforward,), gen, dtype, scale=0.5),
        "linear2.weight": randn((E, dim_feedforward), gen, dtype, scale=1 / math.sqrt(dim_feedforward)),
        "linear2.bias": randn((E,), gen, dtype, scale=0.5),
        "norm1.weight": randn((E,), gen, dtype, scale=0.4, offset=1.0),
        "norm1.bias": randn((E,), gen, dtype, scale=0.4),
        "norm2.weight": randn((E,), gen, dtype, scale=0.4, offset=1.0),
        "norm2.bias": randn((E,), gen, dtype, scale=0.4),
    }


def _encoder_inputs(params, gen):
    """``x`` is ``(B, S, E)`` with ``E = num_heads * head_dim``; ``ff`` is ``dim_feedforward``; ``padding`` as
    in ``_key_padding_mask`` (never a sequence left without a key)."""
    B, S, heads, dtype = params["B"], params["S"], params["num_heads"], params["dtype"]
    E = heads * params["head_dim"]
    return dict(
        x=randn((B, S, E), gen, dtype),
        params=_encoder_params(E, params["ff"], dtype, gen),
        num_heads=heads,
        key_padding_mask=_key_padding_mask(params["padding"], (B,), S, False, gen),
    )


def _encoder_case(S: int, num_heads: int, head_dim: int, ff: int, B: int = 2, padding: str = "none",
                  dtype: str = "float32") -> dict:
    return dict(B=B, S=S, num_heads=num_heads, head_dim=head_dim, ff=ff, padding=padding, dtype=dtype)


def _random_encoder(rng: random.Random) -> dict:
    return _encoder_case(S=rng.randint(1, 7), num_heads=rng.randint(1, 4), head_dim=rng.randint(1, 5),
                         ff=rng.randint(1, 16), B=rng.randint(1, 3), padding=rng.choice(["none", "right", "random"]),
                         dtype=rng.choice(["float32", "float64"]))


EXERCISES += [
    Exercise(
        id="sinusoidal_positional_encoding",
        module="attention",
        summary="the sine/cosine position table of \"Attention Is All You Need\", odd widths included",
        reference_note="hand-written, checked against a numpy loop and published values",
        points=5,
        reference=answer_key("attention", "sinusoidal_positional_encoding_reference"),
        make_inputs=_pe_inputs,
        edge_cases=(
            Case("basic", dict(seq_len=10, d_model=8)),
            Case("one_position", dict(seq_len=1, d_model=6)),
            Case("d_model_2", dict(seq_len=7, d_model=2)),
            Case("d_model_1", dict(seq_len=5, d_model=1)),
            Case("odd_d_model", dict(seq_len=9, d_model=7)),
            Case("odd_d_model_3", dict(seq_len=6, d_model=3)),
            Case("d_model_gt_seq_len", dict(seq_len=3, d_model=16)),
            Case("wide", dict(seq_len=50, d_model=512)),
            Case("long", dict(seq_len=512, d_model=64)),
        ),
        random_case=_random_pe,
        n_random=12,
        shrink={"seq_len": 1, "d_model": 1},
        # float32 angles pos * freq carry a rounding error of about pos * 6e-8, so any float32 formulation
        # (exp of a log, a power, a division) is up to 3e-5 off at position 511; a wrong formula is off by 0.1
        # or more. No timing: the table is computed once per model.
        atol=1e-4,
    ),
    Exercise(
        id="layer_norm",
        module="attention",
        summary="F.layer_norm over the trailing dims: biased variance, eps inside the root, optional affine",
        reference_note="`F.layer_norm`",
        points=8,
        reference=layer_norm_reference,
        mistakes=(Mistake("unbiased_variance", answer_key("attention", "layer_norm_unbiased_variance")),),
        make_inputs=_layer_norm_inputs,
        edge_cases=(
            Case("basic", _layer_norm_case([3, 7])),
            Case("normalized_shape_int", _layer_norm_case([3, 7], as_int=True)),
            Case("two_dims", _layer_norm_case([2, 3, 4, 5], ndims=2)),
            Case("three_dims", _layer_norm_case([2, 3, 4, 5], ndims=3)),
            Case("whole_tensor", _layer_norm_case([4, 6], ndims=2)),
            Case("one_d_input", _layer_norm_case([9], as_int=True)),
            Case("two_features", _layer_norm_case([5, 2])),
            Case("no_affine", _layer_norm_case([3, 7], affine="none")),
            Case("weight_only", _layer_norm_case([3, 7], affine="weight")),
            Case("bias_only", _layer_norm_case([3, 7], affine="bias")),
            Case("custom_eps", _layer_norm_case([4, 5], eps=0.1)),
            Case("small_variance", _layer_norm_case([4, 6], scale=0.003)),
            # E[x^2] - E[x]^2 loses the variance to cancellation when the mean is large against the spread,
            # while the centred variance, summed in any order, stays within tolerance: checked seed by seed in
            # tests/specs/test_reference_attention.py (a larger float32 offset would fail correct solutions too)
            Case("large_mean", _layer_norm_case([4, 64], offset=15.0)),
            Case("float64_large_mean", _layer_norm_case([4, 64], offset=1e6, dtype="float64")),
            Case("constant_groups", _layer_norm_case([3, 2, 5], ndims=2, constant=True)),
            Case("float64", _layer_norm_case([3, 7], dtype="float64")),
            Case("float64_two_dims_no_affine", _layer_norm_case([2, 3, 4], ndims=2, affine="none",
                                                                dtype="float64")),
        ),
        random_case=_random_layer_norm,
        n_random=12,
        # layer norm does O(1) work per element, so on both sides the time goes mostly into moving the tensors
        # across the channel: vectorised solutions measured 1.3x to 2.5x, a loop over Python floats only about
        # 33x (at any size). Hence a budget of 5, not 10: it keeps that loop well over the line.
        timing=Timing(_layer_norm_case([32, 64, 128]), budget=5.0),
        # layer norm itself, and the other norms that compute it from a reshaped input
        forbidden=NORM_OPERATORS,
    ),
    Exercise(
        id="transformer_encoder_layer",
        module="attention",
        summary="nn.TransformerEncoderLayer (post-norm, ReLU, eval) from its state dict",
        reference_note="`nn.TransformerEncoderLayer` from its state dict",
        points=15,
        reference=transformer_encoder_layer_reference,
        make_inputs=_encoder_inputs,
        # B, S, E and dim_feedforward differ unless the name says otherwise
        edge_cases=(
            Case("basic", _encoder_case(S=5, num_heads=2, head_dim=4, ff=12)),
            Case("one_head", _encoder_case(S=4, num_heads=1, head_dim=6, ff=10, B=3)),
            Case("odd_heads", _encoder_case(S=5, num_heads=3, head_dim=3, ff=7)),
            Case("one_token", _encoder_case(S=1, num_heads=2, head_dim=3, ff=5, B=3)),
            Case("batch_of_one", _encoder_case(S=6, num_heads=2, head_dim=4, ff=12, B=1)),
            Case("narrow_feedforward", _encoder_case(S=5, num_heads=2, head_dim=4, ff=3)),
            Case("padding_right", _encoder_case(S=6, num_heads=2, head_dim=5, ff=16, B=3, padding="right")),
            Case("padding_random", _encoder_case(S=5, num_heads=4, head_dim=2, ff=9, padding="random")),
            Case("float64", _encoder_case(S=5, num_heads=2, head_dim=4, ff=12, dtype="float64")),
            Case("float64_odd_heads_padding", _encoder_case(S=6, num_heads=3, head_dim=2, ff=8, B=3,
                                                            padding="random", dtype="float64")),
        ),
        random_case=_random_encoder,
        n_random=12,
        shrink={"B": 1, "S": 1, "num_heads": 1, "head_dim": 1, "ff": 1},
        timing=Timing(_encoder_case(S=32, num_heads=4, head_dim=8, ff=128, B=4), budget=10.0),
        # PyTorch's attention and transformer paths, and its norms: reuse your own layer_norm and
        # multi_head_self_attention from this module
        forbidden=ATTENTION_OPERATORS + ("aten::_transformer_encoder_layer_fwd",) + NORM_OPERATORS,
    ),
]
