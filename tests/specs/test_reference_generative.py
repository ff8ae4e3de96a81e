"""The generative references checked against independent implementations.

- GAN losses: PyTorch's ``binary_cross_entropy_with_logits`` against the losses written with Python floats
  (``math``), and its stability at logits of +-100 and +-1000, where the log of a sigmoid gives inf;
- ``predict_x0`` and ``ddpm_step``: diffusers' ``DDPMScheduler.step`` (``variance_type="fixed_large"``, so
  sigma_t^2 = beta_t, no clipping, epsilon prediction), whose ``pred_original_sample`` is x0 and whose
  ``prev_sample`` is x_{t-1}; the scheduler draws its noise with ``torch.randn`` from the generator it is
  given, so the same seed hands both the same noise. diffusers builds its own schedule in float32; for a
  float64 check its tensors are replaced by float64 ones before stepping. Nothing is downloaded: a scheduler
  has no weights;
- ``predict_x0`` also undoes ``q_sample`` exactly (float64), and ``classifier_free_guidance`` is checked
  element by element with Python floats.

Also checked: that the specs' cases keep the properties that make wrong answers show (large logits of both
signs, t = 0 and the last step, sizes distinct from B, both dtypes, ...).
"""

from __future__ import annotations

import itertools
import math
import os

import pytest
import torch

from autograder.keys.diffusion import linear_beta_schedule_reference, q_sample_reference
from autograder.keys.generative import (
    classifier_free_guidance_reference,
    ddpm_step_reference,
    gan_discriminator_loss_reference,
    gan_generator_loss_reference,
    predict_x0_reference,
)
from autograder.specs import generative
from autograder.specs.generative import ABAR_MIN_FLOAT32

os.environ.setdefault("HF_HUB_OFFLINE", "1")  # belt and braces: nothing here may reach the network
from diffusers import DDPMScheduler  # noqa: E402

EXERCISES = {ex.id: ex for ex in generative.EXERCISES}
SEEDS = (0, 1, 2)


# --- GAN losses -------------------------------------------------------------------------------------------

def _softplus(x: float) -> float:
    return max(x, 0.0) + math.log1p(math.exp(-abs(x)))


def _mean(values: list[float]) -> float:
    return math.fsum(values) / len(values)


def discriminator_loss_math(real: torch.Tensor, fake: torch.Tensor) -> float:
    """mean(-log sigmoid(real)) + mean(-log(1 - sigmoid(fake))), in Python floats, stably."""
    return (_mean([_softplus(-x) for x in real.double().reshape(-1).tolist()])
            + _mean([_softplus(x) for x in fake.double().reshape(-1).tolist()]))


def generator_loss_math(fake: torch.Tensor) -> float:
    return _mean([_softplus(-x) for x in fake.double().reshape(-1).tolist()])


def _gan_cases(exercise_id: str):
    ex = EXERCISES[exercise_id]
    return [(seed, case) for seed in SEEDS for case in ex.cases(seed)]


@pytest.mark.parametrize("seed, case", _gan_cases("gan_discriminator_loss"), ids=lambda v: getattr(v, "name", str(v)))
def test_discriminator_loss_matches_math(seed, case):
    inputs = EXERCISES["gan_discriminator_loss"].inputs(case.params, seed)
    loss = gan_discriminator_loss_reference(**inputs)
    assert loss.shape == () and loss.dtype == inputs["real_logits"].dtype
    expected = discriminator_loss_math(inputs["real_logits"], inputs["fake_logits"])
    torch.testing.assert_close(loss, torch.tensor(expected, dtype=loss.dtype))


@pytest.mark.parametrize("seed, case", _gan_cases("gan_generator_loss"), ids=lambda v: getattr(v, "name", str(v)))
def test_generator_loss_matches_math(seed, case):
    inputs = EXERCISES["gan_generator_loss"].inputs(case.params, seed)
    loss = gan_generator_loss_reference(**inputs)
    assert loss.shape == () and loss.dtype == inputs["fake_logits"].dtype
    torch.testing.assert_close(loss, torch.tensor(generator_loss_math(inputs["fake_logits"]), dtype=loss.dtype))


@pytest.mark.parametrize("dtype", [torch.float32, torch.float64])
@pytest.mark.parametrize("big", [100.0, 1000.0])
def test_gan_losses_stable_where_the_log_of_a_sigmoid_is_not(dtype, big):
    """softplus(x) = x for a large x: the losses are exactly the logits' size, where log(sigmoid) gives inf."""
    confident = torch.tensor([big], dtype=dtype)
    assert gan_discriminator_loss_reference(-confident, confident).item() == pytest.approx(2 * big, rel=1e-6)
    assert gan_discriminator_loss_reference(confident, -confident).item() == pytest.approx(0.0, abs=1e-30)
    assert gan_generator_loss_reference(-confident).item() == pytest.approx(big, rel=1e-6)
    naive = -torch.log(1 - torch.sigmoid(confident))  # the fixture's mistake, for comparison
    assert torch.isinf(naive).all()


def test_gan_docstring_examples():
    d = gan_discriminator_loss_reference(torch.tensor([2.0, 0.0]), torch.tensor([-1.0]))
    assert d.item() == pytest.approx(0.72330, abs=5e-6)
    assert gan_generator_loss_reference(torch.tensor([-1.0, 3.0])).item() == pytest.approx(0.68092, abs=5e-6)


def test_gan_cases_are_sharp():
    for exercise_id, tensors in (("gan_discriminator_loss", ("real_logits", "fake_logits")),
                                 ("gan_generator_loss", ("fake_logits",))):
        ex = EXERCISES[exercise_id]
        edge = {case.name: case.params for case in ex.edge_cases}
        required = {("float32", 100.0), ("float32", 1000.0), ("float64", 1000.0)}
        if exercise_id == "gan_discriminator_loss":
            required.add(("float64", 100.0))
        for dtype, big in required:
            # logits of +-big in every tensor: the log of a sigmoid fails on one sign, exp on the other
            names = [n for n, p in edge.items() if (p["dtype"], p["big"], p["pattern"]) == (dtype, big, "both_signs")]
            assert names, (exercise_id, dtype, big)
            for name in names:
                inputs = ex.inputs(edge[name], 0)
                for tensor in tensors:
                    assert inputs[tensor].max().item() == big and inputs[tensor].min().item() == -big
        # float32 logits past ~17 round sigmoid to 1: BCE on probabilities clamps its log at -100 there
        assert any(p["big"] == 20.0 and p["dtype"] == "float32" for p in edge.values()), exercise_id
        assert {p["dtype"] for p in edge.values()} == {"float32", "float64"}
    d_edge = [case.params for case in EXERCISES["gan_discriminator_loss"].edge_cases]
    assert any(p["B_real"] != p["B_fake"] for p in d_edge)  # one mean over both tensors shows
    assert {"confident", "fooled"} <= {p["pattern"] for p in d_edge}


# --- diffusers' DDPM scheduler ----------------------------------------------------------------------------

def _scheduler(betas: torch.Tensor) -> DDPMScheduler:
    """diffusers' DDPM step with sigma_t^2 = beta_t, stepping t -> t - 1 over all T steps."""
    steps = betas.numel()
    scheduler = DDPMScheduler(num_train_timesteps=steps, trained_betas=betas.tolist(), variance_type="fixed_large",
                              clip_sample=False, prediction_type="epsilon")
    scheduler.set_timesteps(steps)
    assert scheduler.timesteps.tolist() == list(range(steps - 1, -1, -1))  # so step t leads to t - 1
    if betas.dtype == torch.float64:
        # its constructor keeps float32; step() only reads these tensors
        scheduler.betas = betas.clone()
        scheduler.alphas = 1 - betas
        scheduler.alphas_cumprod = torch.cumprod(1 - betas, 0)
        scheduler.one = torch.tensor(1.0, dtype=torch.float64)
    return scheduler


def _diffusers_step(scheduler: DDPMScheduler, x_t: torch.Tensor, t: int, eps: torch.Tensor, seed: int):
    out = scheduler.step(eps, t, x_t, generator=torch.Generator().manual_seed(seed))
    return out.prev_sample, out.pred_original_sample


SCHEDULES = {
    "ddpm_T1000": lambda: linear_beta_schedule_reference(1000),
    "ddpm_T50": lambda: linear_beta_schedule_reference(50),
    "large_betas_T8": lambda: torch.tensor([0.05, 0.3, 0.12, 0.5, 0.2, 0.45, 0.08, 0.35]),
}


def _steps_to_check(steps: int) -> list[int]:
    return sorted({0, 1, 2, steps // 3, steps // 2, steps - 2, steps - 1} & set(range(steps)))


@pytest.mark.parametrize("dtype", [torch.float32, torch.float64])
@pytest.mark.parametrize("schedule", sorted(SCHEDULES))
def test_ddpm_step_and_predict_x0_match_diffusers(schedule, dtype):
    betas = SCHEDULES[schedule]().to(dtype)
    scheduler = _scheduler(betas)
    alphas_cumprod = torch.cumprod(1 - betas, 0)
    gen = torch.Generator().manual_seed(7)
    for t in _steps_to_check(betas.numel()):
        x_t = torch.randn(3, 2, 4, 5, generator=gen, dtype=dtype)
        eps = torch.randn(3, 2, 4, 5, generator=gen, dtype=dtype)
        prev, x0 = _diffusers_step(scheduler, x_t, t, eps, seed=100 + t)
        noise = torch.randn(x_t.shape, generator=torch.Generator().manual_seed(100 + t), dtype=dtype)
        ours = ddpm_step_reference(x_t, t, eps, betas, noise)
        assert ours.dtype == dtype and ours.shape == x_t.shape
        if dtype == torch.float64:
            torch.testing.assert_close(predict_x0_reference(x_t, t, eps, alphas_cumprod), x0)
            torch.testing.assert_close(ours, prev)
        else:
            torch.testing.assert_close(predict_x0_reference(x_t, t, eps, alphas_cumprod), x0,
                                       rtol=1e-5, atol=1e-5)
            # diffusers' float32 step takes beta_t back from abar_t / abar_{t-1} and goes through the
            # posterior mean, which loses digits near t = 0 (its eq. 7 divides by 1 - abar_t): the
            # float64 check above is the tight one
            torch.testing.assert_close(ours, prev, rtol=1e-3, atol=1e-3)


def test_ddpm_step_float32_is_closer_to_exact_than_diffusers():
    """In float32 the Algorithm 2 form keeps more digits than diffusers' posterior-mean form."""
    betas = linear_beta_schedule_reference(1000)
    scheduler = _scheduler(betas)
    exact_scheduler = _scheduler(betas.double())
    gen = torch.Generator().manual_seed(3)
    for t in (0, 1, 5, 500, 999):
        x_t = torch.randn(4, 64, generator=gen)
        eps = torch.randn(4, 64, generator=gen)
        # each scheduler draws its noise in its own dtype, and float64 draws are other numbers: the float64
        # step's noise term is swapped for the float32 one
        noise = torch.randn(x_t.shape, generator=torch.Generator().manual_seed(t))
        noise64 = torch.randn(x_t.shape, generator=torch.Generator().manual_seed(t), dtype=torch.float64)
        sigma = betas.double()[t].sqrt() if t > 0 else 0.0
        exact, _ = _diffusers_step(exact_scheduler, x_t.double(), t, eps.double(), seed=t)
        exact = exact - sigma * noise64 + sigma * noise.double()
        theirs, _ = _diffusers_step(scheduler, x_t, t, eps, seed=t)
        ours = ddpm_step_reference(x_t, t, eps, betas, noise)
        # within float32's default tolerance of the float64 answer
        torch.testing.assert_close(ours, exact.float())
        assert (ours.double() - exact).abs().max() <= (theirs.double() - exact).abs().max() + 1e-7


def test_ddpm_step_per_item_t_matches_diffusers_item_by_item():
    betas = SCHEDULES["large_betas_T8"]().double()
    scheduler = _scheduler(betas)
    gen = torch.Generator().manual_seed(11)
    t = torch.tensor([0, 7, 3, 3, 1, 0])
    x_t = torch.randn(6, 3, 5, generator=gen, dtype=torch.float64)
    eps = torch.randn(6, 3, 5, generator=gen, dtype=torch.float64)
    noise = torch.empty_like(x_t)
    expected_prev, expected_x0 = [], []
    for b, step in enumerate(t.tolist()):
        prev, x0 = _diffusers_step(scheduler, x_t[b:b + 1], step, eps[b:b + 1], seed=b)
        noise[b] = torch.randn((1, 3, 5), generator=torch.Generator().manual_seed(b), dtype=torch.float64)[0]
        expected_prev.append(prev)
        expected_x0.append(x0)
    torch.testing.assert_close(ddpm_step_reference(x_t, t, eps, betas, noise), torch.cat(expected_prev))
    torch.testing.assert_close(predict_x0_reference(x_t, t, eps, torch.cumprod(1 - betas, 0)), torch.cat(expected_x0))


def test_ddpm_step_adds_no_noise_at_t0_only():
    betas = SCHEDULES["large_betas_T8"]().double()
    x_t, eps = torch.randn(4, 3, dtype=torch.float64), torch.randn(4, 3, dtype=torch.float64)
    a, b = torch.randn(4, 3, dtype=torch.float64), torch.randn(4, 3, dtype=torch.float64)
    assert torch.equal(ddpm_step_reference(x_t, 0, eps, betas, a), ddpm_step_reference(x_t, 0, eps, betas, b))
    for t in (1, 4, 7):
        # the noise enters as sqrt(beta_t) * noise, and only that way
        diff = ddpm_step_reference(x_t, t, eps, betas, a) - ddpm_step_reference(x_t, t, eps, betas, b)
        torch.testing.assert_close(diff, betas[t].sqrt() * (a - b))


def test_ddpm_docstring_example():
    betas = torch.tensor([0.36, 0.4375])
    x_t, eps, noise = torch.tensor([[1.0]]), torch.tensor([[0.8]]), torch.tensor([[2.0]])
    assert ddpm_step_reference(x_t, 1, eps, betas, noise).item() == pytest.approx(0.75 + 2 * math.sqrt(0.4375))
    assert ddpm_step_reference(x_t, 0, eps, betas, noise).item() == pytest.approx(0.65)


# --- predict_x0 -------------------------------------------------------------------------------------------

def predict_x0_elementwise(x_t: torch.Tensor, t: int | torch.Tensor, eps: torch.Tensor,
                           alphas_cumprod: torch.Tensor) -> torch.Tensor:
    """The formula one value at a time, in Python floats."""
    out = torch.empty(x_t.shape, dtype=torch.float64)
    for index in itertools.product(*(range(n) for n in x_t.shape)):
        step = int(t[index[0]]) if isinstance(t, torch.Tensor) else t
        abar = float(alphas_cumprod[step])
        out[index] = (float(x_t[index]) - math.sqrt(1 - abar) * float(eps[index])) / math.sqrt(abar)
    return out.to(x_t.dtype)


def _diffusion_cases(exercise_id: str):
    ex = EXERCISES[exercise_id]
    return [(seed, case) for seed in SEEDS for case in ex.cases(seed)[: len(ex.edge_cases) + 5]]


@pytest.mark.parametrize("seed, case", _diffusion_cases("predict_x0"), ids=lambda v: getattr(v, "name", str(v)))
def test_predict_x0_matches_elementwise_formula(seed, case):
    inputs = EXERCISES["predict_x0"].inputs(case.params, seed)
    actual = predict_x0_reference(**inputs)
    assert actual.shape == inputs["x_t"].shape and actual.dtype == inputs["x_t"].dtype
    torch.testing.assert_close(actual, predict_x0_elementwise(**inputs))


@pytest.mark.parametrize("t", [0, 1, 500, 999, torch.tensor([0, 999, 250, 250, 1])])
def test_predict_x0_undoes_q_sample(t):
    betas = linear_beta_schedule_reference(1000).double()
    alphas_cumprod = torch.cumprod(1 - betas, 0)
    x0 = torch.randn(5, 3, 4, dtype=torch.float64)
    eps = torch.randn(5, 3, 4, dtype=torch.float64)
    steps = t if isinstance(t, torch.Tensor) else torch.full((5,), t)
    x_t = q_sample_reference(x0, steps, eps, alphas_cumprod)
    # float64 rounding of x_t, amplified by 1/sqrt(abar) (158 at the last step)
    torch.testing.assert_close(predict_x0_reference(x_t, t, eps, alphas_cumprod), x0, rtol=0, atol=1e-12)


def test_predict_x0_docstring_example():
    out = predict_x0_reference(torch.tensor([[1.0, -0.8]]), 1, torch.tensor([[0.5, 0.5]]), torch.tensor([0.64, 0.36]))
    torch.testing.assert_close(out, torch.tensor([[1.0, -2.0]]))


# --- classifier-free guidance -----------------------------------------------------------------------------

def cfg_elementwise(eps_uncond: torch.Tensor, eps_cond: torch.Tensor,
                    guidance_scale: float | torch.Tensor) -> torch.Tensor:
    out = torch.empty(eps_cond.shape, dtype=torch.float64)
    for index in itertools.product(*(range(n) for n in eps_cond.shape)):
        w = float(guidance_scale[index[0]]) if isinstance(guidance_scale, torch.Tensor) else guidance_scale
        u = float(eps_uncond[index])
        out[index] = u + w * (float(eps_cond[index]) - u)
    return out.to(eps_cond.dtype)


@pytest.mark.parametrize("seed, case", _diffusion_cases("classifier_free_guidance"),
                         ids=lambda v: getattr(v, "name", str(v)))
def test_cfg_matches_elementwise_formula(seed, case):
    inputs = EXERCISES["classifier_free_guidance"].inputs(case.params, seed)
    actual = classifier_free_guidance_reference(**inputs)
    assert actual.shape == inputs["eps_cond"].shape and actual.dtype == inputs["eps_cond"].dtype
    torch.testing.assert_close(actual, cfg_elementwise(**inputs))


def test_cfg_scales_zero_and_one_give_the_two_predictions():
    u, c = torch.randn(3, 4, 5), torch.randn(3, 4, 5)
    assert torch.equal(classifier_free_guidance_reference(u, c, 0.0), u)
    torch.testing.assert_close(classifier_free_guidance_reference(u, c, 1.0), c)
    out = classifier_free_guidance_reference(u, c, torch.tensor([0.0, 1.0, 7.5]))
    assert torch.equal(out[0], u[0])
    torch.testing.assert_close(out[1], c[1])
    torch.testing.assert_close(out[2], classifier_free_guidance_reference(u, c, 7.5)[2])
    torch.testing.assert_close(classifier_free_guidance_reference(torch.tensor([0.0, 1.0]), torch.tensor([1.0, 1.0]),
                                                                  7.5), torch.tensor([7.5, 1.0]))


# --- the diffusion cases keep their teeth -----------------------------------------------------------------

@pytest.mark.parametrize("exercise_id", ["predict_x0", "ddpm_step"])
def test_diffusion_cases_are_sharp(exercise_id):
    ex = EXERCISES[exercise_id]
    edge = {case.name: case.params for case in ex.edge_cases}
    for seed in SEEDS:
        for case in ex.cases(seed):
            p = case.params
            inputs = ex.inputs(p, seed)
            t = inputs["t"]
            schedule = inputs["alphas_cumprod"] if exercise_id == "predict_x0" else inputs["betas"]
            abar = (schedule if exercise_id == "predict_x0" else torch.cumprod(1 - schedule.double(), 0)).double()
            steps = t.tolist() if isinstance(t, torch.Tensor) else [t]
            if exercise_id == "predict_x0" and p["dtype"] == "float32":
                assert all(abar[s] >= ABAR_MIN_FLOAT32 for s in steps), case.name
            if isinstance(t, torch.Tensor):
                assert t.dtype == torch.int64 and t.shape == (p["B"],)
                assert t[0] == 0, case.name  # the last step of sampling: no noise
                if p["B"] >= 4:
                    assert len(set(steps)) < len(steps), case.name
            for name in ("x_t", "eps") + (("noise",) if exercise_id == "ddpm_step" else ()):
                assert inputs[name].abs().min() >= 0.5 - 1e-6, (case.name, name)
    # broadcasting on the wrong axis must raise somewhere and silently misbehave somewhere else
    for name in ("images", "vectors"):
        assert edge[name]["B"] not in edge[name]["trailing"], name
    assert edge["square_vectors"]["trailing"][-1] == edge["square_vectors"]["B"]
    assert edge["width_equals_batch"]["trailing"][-1] == edge["width_equals_batch"]["B"]
    assert {p["t"] for p in edge.values()} == {"per_item", "random", "first", "last"}
    assert {p["dtype"] for p in edge.values()} == {"float32", "float64"}
    assert any(p["dtype"] == "float32" and p["schedule_dtype"] == "float64" for p in edge.values())
    assert any(p["schedule"] == "linear" and p["T"] == 1000 and p["dtype"] == "float64" for p in edge.values())
    if exercise_id == "ddpm_step":
        # t = 0 both as an int and inside a tensor, in both dtypes: noise added there shows
        assert any(p["t"] == "first" and p["dtype"] == "float32" for p in edge.values())
        assert any(p["t"] == "first" and p["dtype"] == "float64" for p in edge.values())


def test_cfg_cases_are_sharp():
    edge = {case.name: case.params for case in EXERCISES["classifier_free_guidance"].edge_cases}
    assert {0.0, 1.0, 7.5} <= {p["scale"] for p in edge.values()}
    per_item = [p for p in edge.values() if p["scale"] == "per_item"]
    assert any(p["trailing"] and p["trailing"][-1] == p["B"] for p in per_item)
    assert any(p["B"] not in p["trailing"] and len(p["trailing"]) == 3 for p in per_item)
    assert any(p["dtype"] == "float32" and p["scale_dtype"] == "float64" for p in per_item)


def test_timing_cases():
    for exercise_id, low, high in (("predict_x0", 10_000, 40_000), ("ddpm_step", 10_000, 40_000),
                                   ("classifier_free_guidance", 10_000, 40_000),
                                   ("gan_discriminator_loss", 20_000, 70_000), ("gan_generator_loss", 20_000, 70_000)):
        ex = EXERCISES[exercise_id]
        inputs = ex.inputs(ex.timing.params, 0)
        size = sum(v.numel() for k, v in inputs.items() if k in ("x_t", "eps_cond", "real_logits", "fake_logits"))
        # big enough that a loop over the values is far beyond the budget, small enough that vectorised
        # answers stay under the engine's 50 ms floor (see the spec)
        assert low <= size <= high, exercise_id
        assert ex.timing.budget == 10.0
