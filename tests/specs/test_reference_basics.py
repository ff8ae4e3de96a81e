"""The basics references and cases.

- gradient_descent_step: the reference (autograd, then the SGD update function) against the gradient in
  closed form, computed here in float64, and against a real ``torch.optim.SGD`` step; it leaves its
  inputs alone and returns plain tensors.
- the PyTorch operators behave as the stubs say: batch norm uses the biased variance and ``+ eps``,
  binary cross-entropy clamps its logs at -100, sigmoid and softmax stay finite at |x| = 1000.
- the cases keep the values that make the usual mistakes show (|x| = 1000, exp's overflow window in
  float16, probabilities of exactly 0 and 1 under both labels, eps large enough to matter, a constant
  channel, dims other than -1, arguments left at their defaults...), so an edit cannot quietly drop them.
"""

from __future__ import annotations

import math

import pytest
import torch
import torch.nn.functional as F

from autograder.specs import basics
from autograder.specs.basics import gradient_descent_step_reference

EXERCISES = {ex.id: ex for ex in basics.EXERCISES}
SEEDS = (0, 1, 2)


def _all_inputs(exercise_id: str):
    ex = EXERCISES[exercise_id]
    for seed in SEEDS:
        for case in ex.cases(seed):
            yield case, ex.inputs(case.params, seed)


# --- gradient_descent_step --------------------------------------------------------------------------------

def _closed_form_step(w, b, x, y, lr):
    """w - lr * 2/(N K) x^T r and b - lr * 2/(N K) sum_n r, r = x w + b - y, all in float64."""
    w64, b64, x64, y64 = (t.to(torch.float64) for t in (w, b, x, y))
    residual = x64 @ w64 + b64 - y64
    n_entries = residual.numel()
    grad_w = torch.zeros_like(w64)
    grad_b = torch.zeros_like(b64)
    # the sums written out sample by sample, so that no matrix identity is shared with the reference
    for n in range(x64.shape[0]):
        r_n = residual[n]
        grad_w += 2 / n_entries * (torch.outer(x64[n], r_n) if w64.dim() == 2 else x64[n] * r_n)
        grad_b += 2 / n_entries * r_n
    return w64 - lr * grad_w, b64 - lr * grad_b


@pytest.mark.parametrize("seed", SEEDS)
def test_gradient_step_matches_closed_form(seed):
    ex = EXERCISES["gradient_descent_step"]
    for case in ex.cases(seed):
        inputs = ex.inputs(case.params, seed)
        w, b = gradient_descent_step_reference(**inputs)
        want_w, want_b = _closed_form_step(**inputs)
        assert w.shape == inputs["w"].shape and b.shape == inputs["b"].shape, case.name
        assert w.dtype == inputs["w"].dtype and b.dtype == inputs["b"].dtype, case.name
        tol = dict(rtol=1e-5, atol=1e-5) if w.dtype == torch.float32 else dict(rtol=1e-12, atol=1e-12)
        torch.testing.assert_close(w.to(torch.float64), want_w, **tol, msg=case.name)
        torch.testing.assert_close(b.to(torch.float64), want_b, **tol, msg=case.name)


@pytest.mark.parametrize("K", [None, 1, 3])
def test_gradient_step_matches_torch_optim_sgd(K):
    gen = torch.Generator().manual_seed(7)
    cols = () if K is None else (K,)
    x = torch.randn(9, 4, generator=gen)
    y = torch.randn((9,) + cols, generator=gen)
    w = torch.randn((4,) + cols, generator=gen)
    b = torch.randn(cols, generator=gen)
    params = [w.clone().requires_grad_(True), b.clone().requires_grad_(True)]
    optimizer = torch.optim.SGD(params, lr=0.3)
    F.mse_loss(x @ params[0] + params[1], y).backward()
    optimizer.step()
    got_w, got_b = gradient_descent_step_reference(w, b, x, y, 0.3)
    # the same update function on the same gradients: equal to the last bit
    assert torch.equal(got_w, params[0].detach()) and torch.equal(got_b, params[1].detach())


def test_gradient_step_leaves_inputs_alone():
    x, y = torch.tensor([[1.0], [2.0]]), torch.tensor([2.0, 4.0])
    w, b = torch.tensor([0.0]), torch.tensor(0.0)
    new_w, new_b = gradient_descent_step_reference(w, b, x, y, 0.1)
    assert torch.equal(w, torch.tensor([0.0])) and torch.equal(b, torch.tensor(0.0))
    assert not new_w.requires_grad and not new_b.requires_grad
    # the docstring's example
    torch.testing.assert_close(new_w, torch.tensor([1.0]))
    torch.testing.assert_close(new_b, torch.tensor(0.6))


def test_gradient_step_runs_under_no_grad():
    with torch.no_grad():
        w, b = gradient_descent_step_reference(torch.zeros(2), torch.tensor(0.0), torch.eye(2), torch.ones(2), 0.5)
    torch.testing.assert_close(w, torch.tensor([0.5, 0.5]))
    torch.testing.assert_close(b, torch.tensor(1.0))


# --- what the stubs say about PyTorch's operators ------------------------------------------------------

def test_batch_norm_uses_biased_variance_and_plus_eps():
    for case, inputs in _all_inputs("batch_norm_train"):
        x = inputs["x"].to(torch.float64)
        eps = inputs.get("eps", 1e-5)
        axes = [0, *range(2, x.dim())]
        shape = (1, -1) + (1,) * (x.dim() - 2)
        mean = x.mean(axes, keepdim=True)
        var = ((x - mean) ** 2).mean(axes, keepdim=True)
        want = ((x - mean) / torch.sqrt(var + eps) * inputs["gamma"].to(torch.float64).view(shape)
                + inputs["beta"].to(torch.float64).view(shape))
        got = F.batch_norm(x, None, None, inputs["gamma"].to(torch.float64), inputs["beta"].to(torch.float64),
                           training=True, eps=eps)
        torch.testing.assert_close(got, want, rtol=1e-9, atol=1e-9, msg=case.name)


def test_binary_cross_entropy_clamps_logs_at_minus_100():
    p = torch.tensor([0.0, 1.0, 0.0, 1.0, 0.0, 1e-45])
    y = torch.tensor([1.0, 0.0, 0.0, 1.0, 0.3, 1.0])
    losses = F.binary_cross_entropy(p, y, reduction="none")
    torch.testing.assert_close(losses, torch.tensor([100.0, 100.0, 0.0, 0.0, 30.0, 100.0]))


def test_sigmoid_and_softmax_stay_finite_at_1000():
    for dtype in (torch.float32, torch.float64):
        x = torch.tensor([-1000.0, 1000.0], dtype=dtype)
        assert torch.equal(torch.sigmoid(x), torch.tensor([0.0, 1.0], dtype=dtype))
        torch.testing.assert_close(torch.softmax(x + 1000, -1), torch.tensor([0.0, 1.0], dtype=dtype))


# --- the cases keep their sharp values ---------------------------------------------------------------------

def test_sigmoid_cases_reach_overflow():
    edge = {case.name: EXERCISES["sigmoid"].inputs(case.params, 0)["x"] for case in EXERCISES["sigmoid"].edge_cases}
    # exp(x) overflows past 88.7 in float32 and 709.8 in float64: both dtypes go to |x| = 1000
    assert edge["large_magnitudes"].dtype == torch.float32
    assert {1000.0, -1000.0} <= set(edge["large_magnitudes"].flatten().tolist())
    assert edge["float64_large_magnitudes"].dtype == torch.float64
    assert {1000.0, -1000.0, 710.0, -710.0} <= set(edge["float64_large_magnitudes"].flatten().tolist())
    # float16: 1 / (1 + exp(-x)) is 0 where exp(-x) overflows, while sigmoid(x) is still above the tolerance
    x16 = edge["float16_beyond_exp_range"]
    assert x16.dtype == torch.float16
    window = x16[(x16 < -math.log(65504)) & (torch.sigmoid(x16.double()) > 1.2e-5)]
    assert window.numel() >= 3
    assert any(x.dtype == torch.bfloat16 and x.abs().max() >= 1000 for x in edge.values())


def test_softmax_cases_cover_dims_and_large_values():
    ex = EXERCISES["softmax"]
    edge = {case.name: case.params for case in ex.edge_cases}
    assert "dim" not in edge["matrix_default_dim"]
    dims = {(len(basics._shape(p)), p["dim"]) for p in edge.values() if "dim" in p}
    assert {d for _, d in dims} >= {0, 1, -2, -3}
    assert any(0 <= d < ndim - 1 for ndim, d in dims)  # an axis other than the last, given as positive
    for case in ex.edge_cases:
        x = ex.inputs(case.params, 0)["x"]
        if case.name.startswith(("values_near_1000", "float64_values_near_1000")):
            assert x.min() > 990 and x.dtype in (torch.float32, torch.float64)
        if case.name.startswith("slices_far_apart"):
            # some slice sits ~1000 below another: shifting by the global max underflows it to 0 / 0
            dim = case.params.get("dim", -1)
            slice_max = x.amax(dim)
            assert slice_max.max() - slice_max.min() > 200
            assert (torch.exp(x - x.max()).sum(dim) == 0).any()
        if case.name == "wide_rows":
            assert (x - x.mean(-1, keepdim=True)).max() > 100  # a mean shift still overflows exp


def test_binary_cross_entropy_cases_hold_exact_zeros_and_ones():
    pairs = set()
    clamped = False
    for case, inputs in _all_inputs("binary_cross_entropy"):
        p, y = inputs["y_hat"], inputs["y"]
        assert ((p >= 0) & (p <= 1)).all() and ((y >= 0) & (y <= 1)).all(), case.name
        for prob in (0.0, 1.0):
            for label in (0.0, 1.0):
                if ((p == prob) & (y == label)).any():
                    pairs.add((prob, label, p.dtype))
        if ((p == 0) & (y > 0) & (y < 1)).any():
            pairs.add(("zero_with_soft_label", p.dtype))
        clamped |= bool(((p > 0) & (torch.log(p.double()) < -100) & (y == 1)).any())
    for dtype in (torch.float32, torch.float64):
        assert {(0.0, 1.0, dtype), (1.0, 0.0, dtype), (0.0, 0.0, dtype), (1.0, 1.0, dtype)} <= pairs
    assert ("zero_with_soft_label", torch.float32) in pairs
    assert clamped  # a positive probability whose log is clamped: a clamp of y_hat at some eps shows


def test_batch_norm_cases_make_eps_and_axes_matter():
    ex = EXERCISES["batch_norm_train"]
    edge = {case.name: case.params for case in ex.edge_cases}
    assert "eps" not in edge["rows"] and "eps" not in edge["images"]
    assert max(p.get("eps", 0) for p in edge.values()) >= 0.5
    assert any("H" in p for p in edge.values()) and any("H" not in p for p in edge.values())
    assert edge["square_2d"]["N"] == edge["square_2d"]["C"]
    assert edge["one_image"]["N"] == 1
    counts = []
    for case, inputs in _all_inputs("batch_norm_train"):
        x = inputs["x"]
        values_per_channel = x[:, 0].numel()
        counts.append(values_per_channel)
        assert values_per_channel >= 2, case.name  # PyTorch refuses a single value per channel
        axes = [0, *range(2, x.dim())]
        var = x.double().var(axes, correction=0)
        if "constant" in case.params:
            assert var[0] == 0, case.name
        if case.params.get("tiny_variance"):
            assert var[-1] < inputs.get("eps", 1e-5), case.name
    # unbiased and biased variances differ by count / (count - 1): 2x for a batch of two rows
    assert min(counts) == 2


def test_activation_cases_cover_arguments_dtypes_and_shapes():
    for exercise_id, argument in (("relu", None), ("leaky_relu", "negative_slope"), ("elu", "alpha"),
                                  ("sigmoid", None)):
        ex = EXERCISES[exercise_id]
        params = [case.params for case in ex.edge_cases]
        assert {0, 2, 3} <= {len(basics._shape(p)) for p in params}, exercise_id  # 0-dim to 3 axes
        if argument is not None:
            assert any(argument not in p for p in params), f"{exercise_id}: the default must be graded"
            assert len({p[argument] for p in params if argument in p}) >= 3, exercise_id
    assert any(p.get("negative_slope", 0) > 1 for p in (c.params for c in EXERCISES["leaky_relu"].edge_cases))
    assert {"float16", "bfloat16"} <= {c.params["dtype"] for c in EXERCISES["relu"].edge_cases}
    assert "float16" in {c.params["dtype"] for c in EXERCISES["leaky_relu"].edge_cases}
    # exp(x) overflows in the branch an ELU does not take: a masked blend shows it as NaN
    elu_x = [EXERCISES["elu"].inputs(c.params, 0)["x"] for c in EXERCISES["elu"].edge_cases]
    assert any(x.dtype == torch.float32 and x.max() > 89 for x in elu_x)
    assert any(x.dtype == torch.float64 and x.max() > 710 for x in elu_x)


def test_linear_and_gradient_cases_cover_shapes():
    lin = {case.name: case.params for case in EXERCISES["linear_forward"].edge_cases}
    assert {len(p["lead"]) for p in lin.values()} >= {0, 1, 2, 3}
    assert any(not p["bias"] and not p["lead"] for p in lin.values())
    assert any(p["I"] == p["O"] for p in lin.values()) and lin["batch"]["I"] != lin["batch"]["O"]
    gd = {case.name: case.params for case in EXERCISES["gradient_descent_step"].edge_cases}
    assert any("K" not in p for p in gd.values()) and any(p.get("K", 0) >= 2 for p in gd.values())
    assert any(p.get("K") == 1 for p in gd.values())
    assert any(p["N"] == p["D"] for p in gd.values()) and any(p["N"] == 1 for p in gd.values())
    assert any(p["lr"] == 0 for p in gd.values())


@pytest.mark.parametrize("exercise_id", sorted(EXERCISES))
def test_timing_case_is_large_enough_to_time(exercise_id):
    """Thousands of values: a Python loop over single elements of them takes well over the 50 ms floor."""
    ex = EXERCISES[exercise_id]
    inputs = ex.inputs(ex.timing.params, 0)
    assert max(v.numel() for v in inputs.values() if isinstance(v, torch.Tensor)) >= 1024
