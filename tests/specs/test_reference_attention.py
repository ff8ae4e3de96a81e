"""The hand-written attention references, and the attention specs' cases, checked.

- sinusoidal positional encoding: against a numpy loop over every entry written from the paper's formula,
  against a table published with an independent implementation, and against the paper's defining property
  (each sine/cosine pair rotates by a fixed angle from one position to the next);
- layer norm: the ``large_mean`` cases separate E[x^2] - E[x]^2 from the centred variance (summed in several
  orders), seed by seed;
- transformer encoder layer: the reference (a cached module, loaded with ``assign=True``) equals a freshly
  built ``nn.TransformerEncoderLayer`` on every case, its fused fast path equals the composed path, and no
  case leaves a query without a key (where the two paths disagree).
"""

from __future__ import annotations

import math

import numpy as np
import pytest
import torch
from torch import nn

from autograder.keys.attention import sinusoidal_positional_encoding_reference
from autograder.specs import attention
from autograder.specs.attention import layer_norm_reference, transformer_encoder_layer_reference

EXERCISES = {ex.id: ex for ex in attention.EXERCISES}
SEEDS = (0, 1, 2)


# --- sinusoidal positional encoding ---------------------------------------------------------------------

def _pe_numpy_loop(seq_len: int, d_model: int) -> np.ndarray:
    """Vaswani et al. (2017), section 3.5, one entry at a time: column j belongs to pair i = j // 2."""
    pe = np.empty((seq_len, d_model), dtype=np.float64)
    for pos in range(seq_len):
        for j in range(d_model):
            i = j // 2
            angle = pos / math.pow(10000.0, 2 * i / d_model)
            pe[pos, j] = math.sin(angle) if j % 2 == 0 else math.cos(angle)
    return pe


@pytest.mark.parametrize("seq_len, d_model", [
    (1, 1), (1, 6), (5, 1), (7, 2), (6, 3), (10, 8), (9, 7), (3, 16), (50, 512), (512, 64), (100, 33),
])
def test_pe_matches_numpy_loop(seq_len, d_model):
    pe = sinusoidal_positional_encoding_reference(seq_len, d_model)
    assert pe.dtype == torch.float32 and pe.shape == (seq_len, d_model)
    exact = _pe_numpy_loop(seq_len, d_model)
    # float64 angles rounded once: within one float32 rounding of the exact value (2e-7 covers |PE| <= 1)
    np.testing.assert_allclose(pe.numpy().astype(np.float64), exact, rtol=0, atol=2e-7)


def test_pe_matches_published_table():
    # printed output of an independent numpy implementation (max_len = 10, d_model = 16), rows 1 and 2:
    # https://github.com/amfooladgar/llm-useful (positional encoding notebook)
    row_1 = [8.41470985e-01, 5.40302306e-01, 3.10983593e-01, 9.50415280e-01, 9.98334166e-02, 9.95004165e-01,
             3.16175064e-02, 9.99500042e-01, 9.99983333e-03, 9.99950000e-01, 3.16227239e-03, 9.99995000e-01,
             9.99999833e-04, 9.99999500e-01, 3.16227761e-04, 9.99999950e-01]
    row_2 = [9.09297427e-01, -4.16146837e-01, 5.91127117e-01, 8.06578410e-01, 1.98669331e-01, 9.80066578e-01,
             6.32033979e-02, 9.98000667e-01, 1.99986667e-02, 9.99800007e-01, 6.32451316e-03, 9.99980000e-01,
             1.99999867e-03, 9.99998000e-01, 6.32455490e-04, 9.99999800e-01]
    pe = sinusoidal_positional_encoding_reference(10, 16).numpy().astype(np.float64)
    np.testing.assert_array_equal(pe[0], [0.0, 1.0] * 8)
    np.testing.assert_allclose(pe[1], row_1, rtol=0, atol=1e-7)
    np.testing.assert_allclose(pe[2], row_2, rtol=0, atol=1e-7)
    # and the textbook constants: sin 1, cos 1, sin 2, cos 2 in the first pair (frequency 1)
    np.testing.assert_allclose(pe[1:3, :2], [[0.8414709848, 0.5403023059], [0.9092974268, -0.4161468365]],
                               rtol=0, atol=1e-7)


@pytest.mark.parametrize("d_model", [8, 9, 64])
def test_pe_pairs_rotate_by_a_fixed_angle(d_model):
    # the paper's reason for the design: PE[pos + k] is a linear function (a rotation per pair) of PE[pos]
    pe = sinusoidal_positional_encoding_reference(40, d_model).to(torch.float64)
    k = 3
    for i in range(d_model // 2):
        w = k / 10000.0 ** (2 * i / d_model)
        # [sin(a + w), cos(a + w)] = [sin a, cos a] @ [[cos w, -sin w], [sin w, cos w]]
        rotation = torch.tensor([[math.cos(w), -math.sin(w)], [math.sin(w), math.cos(w)]], dtype=torch.float64)
        pair = pe[:, 2 * i:2 * i + 2]
        torch.testing.assert_close(pair[:-k] @ rotation, pair[k:], rtol=0, atol=1e-6)


def test_pe_odd_width_ends_with_a_sine():
    d = 7
    pe = sinusoidal_positional_encoding_reference(12, d).to(torch.float64)
    angles = torch.arange(12, dtype=torch.float64) / 10000.0 ** ((d - 1) / d)
    torch.testing.assert_close(pe[:, -1], torch.sin(angles), rtol=0, atol=2e-7)


def test_pe_cases_cover_the_odd_and_degenerate_widths():
    cases = EXERCISES["sinusoidal_positional_encoding"].cases(0)
    widths = {c.params["d_model"] for c in cases}
    assert 1 in widths and 2 in widths and any(w % 2 and w > 1 for w in widths)
    assert any(c.params["seq_len"] == 1 for c in cases)
    # the tolerance admits every float32 formulation at the longest case and nothing near a wrong formula
    longest = max(c.params["seq_len"] for c in cases)
    assert longest * 6e-8 * 3 < EXERCISES["sinusoidal_positional_encoding"].atol < 1e-3


# --- layer norm -----------------------------------------------------------------------------------------

def _naive_variance(x, normalized_shape, weight=None, bias=None, eps=1e-5):
    dims = tuple(range(-len(normalized_shape), 0)) if isinstance(normalized_shape, tuple) else (-1,)
    mean = x.mean(dims, keepdim=True)
    var = (x * x).mean(dims, keepdim=True) - mean * mean
    return (x - mean) / torch.sqrt(var + eps) * weight + bias


def _centred(x, normalized_shape, weight=None, bias=None, eps=1e-5, *, order):
    dims = tuple(range(-len(normalized_shape), 0)) if isinstance(normalized_shape, tuple) else (-1,)
    if order == "var_mean":
        var, mean = torch.var_mean(x, dims, correction=0, keepdim=True)
        return (x - mean) * torch.rsqrt(var + eps) * weight + bias
    if order == "sum":
        n = x.shape[-1]
        centred = x - x.sum(dims, keepdim=True) / n
        return centred / torch.sqrt((centred * centred).sum(dims, keepdim=True) / n + eps) * weight + bias
    a = x.double().numpy()
    mean = a.mean(axis=-1, keepdims=True)
    y = (a - mean) / np.sqrt(((a - mean) ** 2).mean(axis=-1, keepdims=True) + eps)
    return torch.from_numpy(y * weight.double().numpy() + bias.double().numpy()).to(x.dtype)


def test_large_mean_cases_separate_the_naive_variance():
    from autograder.core.compare import compare

    ex = EXERCISES["layer_norm"]
    cases = [c for c in ex.edge_cases if c.name in ("large_mean", "float64_large_mean")]
    assert len(cases) == 2
    for seed in range(100):
        caught = False
        for case in cases:
            inputs = ex.inputs(case.params, seed)
            expected = layer_norm_reference(**inputs)
            for order in ("var_mean", "sum", "numpy"):
                assert compare(expected, _centred(**inputs, order=order)) is None, (case.name, seed, order)
            caught |= compare(expected, _naive_variance(**inputs)) is not None
        assert caught, seed


def test_layer_norm_constant_groups_are_exactly_constant():
    ex = EXERCISES["layer_norm"]
    (case,) = [c for c in ex.edge_cases if c.name == "constant_groups"]
    for seed in SEEDS:
        inputs = ex.inputs(case.params, seed)
        x = inputs["x"]
        assert (x == x[..., :1, :1]).all()
        # the reference gives the bias there, not NaN: the case tests eps, not luck
        torch.testing.assert_close(layer_norm_reference(**inputs), inputs["bias"].expand_as(x))


# --- transformer encoder layer --------------------------------------------------------------------------

def _fresh_module(inputs: dict) -> nn.TransformerEncoderLayer:
    x, params = inputs["x"], inputs["params"]
    layer = nn.TransformerEncoderLayer(x.shape[-1], inputs["num_heads"], params["linear1.weight"].shape[0],
                                       dropout=0.0, batch_first=True, dtype=x.dtype)
    layer.load_state_dict(params)
    return layer


@pytest.mark.parametrize("seed", SEEDS)
def test_encoder_reference_equals_a_fresh_module_and_both_paths(seed):
    ex = EXERCISES["transformer_encoder_layer"]
    for case in ex.cases(seed):
        inputs = ex.inputs(case.params, seed)
        got = transformer_encoder_layer_reference(**inputs)
        layer = _fresh_module(inputs)
        with torch.no_grad():
            fresh = layer.eval()(inputs["x"], src_key_padding_mask=inputs["key_padding_mask"])
            # train mode with dropout 0 never takes the fused fast path: the composed path
            composed = layer.train()(inputs["x"], src_key_padding_mask=inputs["key_padding_mask"])
        assert torch.equal(got, fresh), case.name
        torch.testing.assert_close(got, composed, msg=case.name)


def test_encoder_reference_keeps_no_state_between_calls():
    ex = EXERCISES["transformer_encoder_layer"]
    params = ex.edge_cases[0].params
    first, second = ex.inputs(params, 0), ex.inputs(params, 1)
    a1 = transformer_encoder_layer_reference(**first)
    transformer_encoder_layer_reference(**second)  # the same cached module, other weights
    assert torch.equal(transformer_encoder_layer_reference(**first), a1)
    assert first["params"]["linear1.weight"].requires_grad is False  # the caller's tensors are left as they were


def test_encoder_cases_exercise_both_paths_and_never_mask_a_whole_row():
    ex = EXERCISES["transformer_encoder_layer"]
    cases = ex.cases(0)
    padded = [c for c in cases if c.params["padding"] != "none"]
    assert any(c.params["num_heads"] % 2 == 0 for c in padded)  # the fused path, with a mask
    assert any(c.params["num_heads"] % 2 == 1 for c in padded)  # the composed path, with a mask
    for seed in SEEDS:
        for case in ex.cases(seed):
            mask = ex.inputs(case.params, seed)["key_padding_mask"]
            if mask is not None:
                assert not mask.all(dim=-1).any(), case.name
