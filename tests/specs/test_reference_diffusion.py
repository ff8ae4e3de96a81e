"""The diffusion references checked against the papers' numbers and against independent implementations.

- linear schedule: DDPM's published endpoints and abar_T, and numpy's float64 linspace;
- cosine schedule: improved DDPM's ``betas_for_alpha_bar`` formula, rewritten here in numpy float64, and
  the defining property abar(t) = f(t) / f(0);
- q_sample: the formula evaluated element by element with Python floats.

Also checked: that the specs' cases keep the properties that make wrong answers show (t = 0 and T - 1,
sizes distinct from B, both dtypes, ...), so an edit cannot quietly weaken them.
"""

from __future__ import annotations

import itertools
import math

import numpy as np
import pytest
import torch

from autograder.keys.diffusion import cosine_beta_schedule_reference, linear_beta_schedule_reference, q_sample_reference
from autograder.specs import diffusion

EXERCISES = {ex.id: ex for ex in diffusion.EXERCISES}
SEEDS = (0, 1, 2)


def _ulps(actual: torch.Tensor, exact: np.ndarray) -> np.ndarray:
    """Distance of float32 values from exact float64 ones, in float32 units in the last place."""
    return np.abs(actual.numpy().astype(np.float64) - exact) / np.spacing(np.abs(exact).astype(np.float32))


# --- linear schedule ------------------------------------------------------------------------------------

def test_linear_ddpm_endpoints():
    betas = linear_beta_schedule_reference(1000)
    assert betas.dtype == torch.float32 and betas.shape == (1000,)
    # DDPM: beta_1 = 1e-4 and beta_T = 0.02, both reached exactly (as float32 numbers)
    assert betas[0].item() == float(np.float32(1e-4))
    assert betas[-1].item() == float(np.float32(0.02))


def test_linear_ddpm_alpha_bar_T():
    abar_T = torch.prod(1 - linear_beta_schedule_reference(1000).to(torch.float64)).item()
    # the published value has two significant digits, 4.0e-5: the exact one must round to it
    assert abs(abar_T - 4.0e-5) <= 0.05e-5
    # and, more tightly, agree with the product over numpy's float64 schedule (4.03583e-5): float32 betas
    # change it by about 2e-7 relative
    assert abar_T == pytest.approx(float(np.prod(1 - np.linspace(1e-4, 0.02, 1000))), rel=1e-6)


@pytest.mark.parametrize("timesteps, start, end", [
    (1, 1e-4, 0.02), (2, 1e-4, 0.02), (10, 1e-4, 0.02), (1000, 1e-4, 0.02),
    (10, 5e-4, 0.04), (7, 0.1, 0.9), (333, 3e-5, 0.05), (5, 0.01, 0.01),
])
def test_linear_matches_numpy(timesteps, start, end):
    betas = linear_beta_schedule_reference(timesteps, start, end)
    assert betas.dtype == torch.float32 and betas.shape == (timesteps,)
    # float32 linspace lands within 2 float32 ulps of the exact values (measured: at most 1.17)
    assert _ulps(betas, np.linspace(start, end, timesteps)).max() <= 2


def test_linear_single_step_is_beta_start():
    assert linear_beta_schedule_reference(1, 3e-4, 0.05).tolist() == [float(np.float32(3e-4))]


# --- cosine schedule ------------------------------------------------------------------------------------

def betas_for_alpha_bar_numpy(timesteps: int, s: float, max_beta: float) -> np.ndarray:
    """improved-diffusion's ``betas_for_alpha_bar`` with its cosine ``alpha_bar``, in numpy float64:
    beta_i = min(1 - alpha_bar((i + 1) / T) / alpha_bar(i / T), max_beta), never dividing by f(0)."""
    def alpha_bar(u: np.ndarray) -> np.ndarray:
        return np.cos((u + s) / (1 + s) * np.pi / 2) ** 2

    i = np.arange(timesteps, dtype=np.float64)
    return np.minimum(1 - alpha_bar((i + 1) / timesteps) / alpha_bar(i / timesteps), max_beta)


@pytest.mark.parametrize("timesteps", [1, 2, 10, 1000, 4000])
@pytest.mark.parametrize("s, max_beta", [(0.008, 0.999), (0.05, 0.999), (0.008, 0.5), (0.02, 0.9)])
def test_cosine_matches_improved_ddpm_formula(timesteps, s, max_beta):
    betas = cosine_beta_schedule_reference(timesteps, s, max_beta)
    assert betas.dtype == torch.float32 and betas.shape == (timesteps,)
    # both compute in float64; the cast to float32 leaves at most one ulp between them (measured: 0.5)
    assert _ulps(betas, betas_for_alpha_bar_numpy(timesteps, s, max_beta)).max() <= 1


def test_cosine_iddpm_defaults():
    betas = cosine_beta_schedule_reference(1000)
    # abar(T) = cos^2(pi / 2) = 0, so the last ratio is 1 and the clip at 0.999 decides beta_T; at T = 1000
    # it is the only clipped step
    assert betas[-1].item() == float(np.float32(0.999))
    assert (betas >= np.float32(0.999)).sum().item() == 1
    assert (betas > 0).all() and (betas[1:] > betas[:-1]).all()


@pytest.mark.parametrize("timesteps, s", [(10, 0.008), (1000, 0.008), (50, 0.05)])
def test_cosine_reproduces_alpha_bar(timesteps, s):
    """The schedule exists to make abar(t) = prod_{u <= t} (1 - beta_u) equal f(t) / f(0)."""
    betas = cosine_beta_schedule_reference(timesteps, s).to(torch.float64)
    t = np.arange(1, timesteps, dtype=np.float64)  # t = T is clipped, so its product differs on purpose
    f = np.cos((t / timesteps + s) / (1 + s) * np.pi / 2) ** 2
    f0 = math.cos(s / (1 + s) * math.pi / 2) ** 2
    # float32 betas carry ~6e-8 relative error each; summed over up to 1000 steps of -log(1 - beta)
    np.testing.assert_allclose(torch.cumprod(1 - betas, 0)[:-1].numpy(), f / f0, rtol=1e-5, atol=0)


def test_cosine_docstring_example():
    np.testing.assert_allclose(cosine_beta_schedule_reference(4).numpy(),
                               [0.15299, 0.41696, 0.70786, 0.999], rtol=0, atol=5e-6)


# --- q_sample -------------------------------------------------------------------------------------------

def q_sample_elementwise(x0: torch.Tensor, t: torch.Tensor, noise: torch.Tensor,
                         alphas_cumprod: torch.Tensor) -> torch.Tensor:
    """The formula one value at a time, in Python floats."""
    out = torch.empty(x0.shape, dtype=torch.float64)
    for index in itertools.product(*(range(n) for n in x0.shape)):
        abar = float(alphas_cumprod[int(t[index[0]])])
        out[index] = math.sqrt(abar) * float(x0[index]) + math.sqrt(1 - abar) * float(noise[index])
    return out.to(x0.dtype)


def _q_cases():
    ex = EXERCISES["q_sample"]
    return [(seed, case) for seed in SEEDS for case in ex.cases(seed)[: len(ex.edge_cases) + 5]]


@pytest.mark.parametrize("seed, case", _q_cases(), ids=lambda v: getattr(v, "name", str(v)))
def test_q_sample_matches_elementwise_formula(seed, case):
    ex = EXERCISES["q_sample"]
    inputs = ex.inputs(case.params, seed)
    actual = q_sample_reference(**inputs)
    expected = q_sample_elementwise(**inputs)
    assert actual.shape == inputs["x0"].shape and actual.dtype == inputs["x0"].dtype
    torch.testing.assert_close(actual, expected)  # the dtype's default tolerances, dtype checked


def test_q_sample_docstring_example():
    out = q_sample_reference(torch.tensor([[1.0, -2.0]]), torch.tensor([1]), torch.tensor([[0.5, 0.5]]),
                             torch.tensor([0.64, 0.36]))
    torch.testing.assert_close(out, torch.tensor([[1.0, -0.8]]))


def test_q_sample_extremes():
    """abar = 1 keeps the data, abar = 0 gives pure noise (exactly: sqrt(1) = 1, sqrt(0) = 0)."""
    x0 = torch.randn(3, 2, 4, dtype=torch.float64)
    noise = torch.randn(3, 2, 4, dtype=torch.float64)
    schedule = torch.tensor([1.0, 0.0], dtype=torch.float64)
    assert torch.equal(q_sample_reference(x0, torch.tensor([0, 0, 0]), noise, schedule), x0)
    assert torch.equal(q_sample_reference(x0, torch.tensor([1, 1, 1]), noise, schedule), noise)


# --- the cases keep their teeth ---------------------------------------------------------------------------

def test_q_sample_cases_are_sharp():
    ex = EXERCISES["q_sample"]
    edge = {case.name: case.params for case in ex.edge_cases}
    for seed in SEEDS:
        for case in ex.cases(seed):
            p = case.params
            inputs = ex.inputs(p, seed)
            t = inputs["t"].tolist()
            assert t[0] == 0 and (p["B"] < 2 or t[-1] == p["T"] - 1), case.name
            if p["B"] >= 4:
                assert len(set(t)) < len(t), case.name
            for name in ("x0", "noise"):
                values = inputs[name]
                assert values.abs().min() >= 0.5 - 1e-6, (case.name, name)
                if values.numel() >= 24:  # all one sign: odds 2^-23
                    assert (values > 0).any() and (values < 0).any(), (case.name, name)
            if inputs["alphas_cumprod"].numel() > 1:
                assert (inputs["alphas_cumprod"][1:] < inputs["alphas_cumprod"][:-1]).all(), case.name
    # broadcasting on the wrong axis must raise somewhere and silently misbehave somewhere else
    for name in ("images", "vectors", "sequences", "ddpm_T1000"):
        assert edge[name]["B"] not in edge[name]["trailing"], name
        assert len(set(edge[name]["trailing"])) == len(edge[name]["trailing"]), name
    assert edge["square_vectors"]["trailing"][-1] == edge["square_vectors"]["B"]
    assert edge["width_equals_batch"]["trailing"][-1] == edge["width_equals_batch"]["B"]
    assert len(edge["width_equals_batch"]["trailing"]) == 3  # 4-d, so view(-1, 1, 1, 1) alone does not show
    assert {len(p["trailing"]) for p in edge.values()} >= {0, 1, 2, 3}
    assert {p["dtype"] for p in edge.values()} == {"float32", "float64"}
    assert any(p["dtype"] == "float32" and p["schedule_dtype"] == "float64" for p in edge.values())


def test_schedule_cases_cover_sizes_and_arguments():
    for exercise_id, extra in (("linear_beta_schedule", ("beta_start", "beta_end")),
                               ("cosine_beta_schedule", ("s", "max_beta"))):
        params = [case.params for case in EXERCISES[exercise_id].edge_cases]
        assert {1, 2, 10, 1000} <= {p["timesteps"] for p in params}, exercise_id
        for name in extra:
            assert any(name in p for p in params), (exercise_id, name)


def test_q_sample_timing_case():
    ex = EXERCISES["q_sample"]
    inputs = ex.inputs(ex.timing.params, 0)
    # big enough that an element-by-element loop is far beyond the budget, small enough that vectorised
    # answers stay under the engine's 50 ms floor (see the spec)
    assert 10_000 <= inputs["x0"].numel() <= 40_000
    assert ex.timing.budget == 10.0
