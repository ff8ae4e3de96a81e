"""Diffusion models: the noise schedules of DDPM and improved DDPM, and the forward (noising) process.

PyTorch has no operator for any of these, so the references are hand-written;
``tests/specs/test_reference_diffusion.py`` checks them against the papers' numbers, the improved-DDPM code's
formula written in numpy, and the forward process evaluated element by element.
"""

from __future__ import annotations

import random

import torch

from autograder.core.key import answer_key
from autograder.core.spec import DTYPES, Case, Exercise, Mistake, Timing, uniform

ORDER = 50


# --- linear schedule (Ho et al., 2020) ------------------------------------------------------------------


def _schedule_inputs(params, gen):
    return dict(params)


def _random_linear(rng: random.Random) -> dict:
    return dict(timesteps=rng.choice([1, 2, 3, rng.randint(4, 40), rng.randint(41, 1200)]),
                beta_start=round(rng.uniform(1e-5, 5e-3), 6), beta_end=round(rng.uniform(5e-3, 0.2), 5))


# --- cosine schedule (Nichol & Dhariwal, 2021) ----------------------------------------------------------


def _random_cosine(rng: random.Random) -> dict:
    return dict(timesteps=rng.choice([1, 2, 3, rng.randint(4, 40), rng.randint(41, 1200)]),
                s=rng.choice([0.008, round(rng.uniform(1e-3, 0.1), 4)]),
                max_beta=rng.choice([0.999, 0.99, 0.9, 0.6]))


# --- forward process q(x_t | x_0) ------------------------------------------------------------------------


def _signed(shape: tuple[int, ...], gen: torch.Generator, dtype: str) -> torch.Tensor:
    """Values of magnitude 0.5..2 and random sign: a coefficient applied to the wrong term cannot hide near 0."""
    magnitude = uniform(shape, gen, 0.5, 2.0, dtype="float64")
    sign = torch.randint(0, 2, shape, generator=gen).to(torch.float64) * 2 - 1
    return (magnitude * sign).to(DTYPES[dtype])


def _q_sample_inputs(params, gen):
    batch, steps = params["B"], params["T"]
    shape = (batch, *params["trailing"])
    if params.get("schedule", "sorted") == "ddpm":
        betas = torch.linspace(1e-4, 0.02, steps, dtype=torch.float64)
        alphas_cumprod = torch.cumprod(1 - betas, 0)
    else:
        # distinct values spread over (0, 1), decreasing as a schedule's are: neighbours differ, so indexing
        # one step off shows, and abar is far from 0 and 1, so a missing sqrt shows
        alphas_cumprod = torch.sort(uniform((steps,), gen, 0.02, 0.98, dtype="float64"), descending=True).values
    t = torch.randint(0, steps, (batch,), generator=gen)
    # the first and last steps always appear, and one index repeats (a gather, not a permutation)
    t[0] = 0
    if batch >= 2:
        t[-1] = steps - 1
    if batch >= 4:
        t[2] = t[1]
    return dict(x0=_signed(shape, gen, params["dtype"]), t=t, noise=_signed(shape, gen, params["dtype"]),
                alphas_cumprod=alphas_cumprod.to(DTYPES[params.get("schedule_dtype", params["dtype"])]))


def _random_q_sample(rng: random.Random) -> dict:
    dtype = rng.choice(["float32", "float64"])
    return dict(B=rng.randint(1, 9), trailing=tuple(rng.randint(1, 8) for _ in range(rng.randint(0, 3))),
                T=rng.randint(1, 60), dtype=dtype,
                schedule_dtype=rng.choice([dtype, dtype, "float64"]),
                schedule=rng.choice(["sorted", "sorted", "ddpm"]))


def _q(B: int, trailing: tuple[int, ...], T: int, dtype: str = "float32", schedule_dtype: str | None = None,
       schedule: str = "sorted") -> dict:
    return dict(B=B, trailing=trailing, T=T, dtype=dtype, schedule_dtype=schedule_dtype or dtype, schedule=schedule)


EXERCISES = [
    Exercise(
        id="linear_beta_schedule",
        module="diffusion",
        summary="DDPM's linear noise schedule",
        reference_note="`torch.linspace`, checked against the paper",
        points=3,
        reference=answer_key("diffusion", "linear_beta_schedule_reference"),
        mistakes=(
            Mistake("hardcoded_schedule_constants", answer_key("diffusion", "linear_beta_schedule_hardcoded")),
            Mistake("swapped_beta_ends", answer_key("diffusion", "linear_beta_schedule_swapped_ends")),
            Mistake("schedule_end_exclusive", answer_key("diffusion", "linear_beta_schedule_end_exclusive")),
            Mistake("single_step_divides_by_zero", answer_key("diffusion", "linear_beta_schedule_divides_by_zero")),
            Mistake("schedule_left_in_float64", answer_key("diffusion", "linear_beta_schedule_float64")),
        ),
        make_inputs=_schedule_inputs,
        edge_cases=(
            Case("ddpm_T1000", dict(timesteps=1000)),
            Case("T1", dict(timesteps=1)),
            Case("T2", dict(timesteps=2)),
            Case("T10_custom_range", dict(timesteps=10, beta_start=5e-4, beta_end=0.04)),
            Case("T7_large_betas", dict(timesteps=7, beta_start=0.1, beta_end=0.9)),
            Case("constant", dict(timesteps=5, beta_start=0.01, beta_end=0.01)),
        ),
        random_case=_random_linear,
        n_random=15,
        shrink={"timesteps": 1},
        # no timing: a Python loop over 1000 floats is a correct answer, and any ratio to linspace's few
        # microseconds would measure the interpreter, not the student
    ),
    Exercise(
        id="cosine_beta_schedule",
        module="diffusion",
        summary="improved DDPM's cosine noise schedule",
        reference_note="hand-written, checked against the paper's formula",
        points=5,
        reference=answer_key("diffusion", "cosine_beta_schedule_reference"),
        mistakes=(
            Mistake("hardcoded_schedule_constants", answer_key("diffusion", "cosine_beta_schedule_hardcoded")),
            Mistake("cosine_without_offset", answer_key("diffusion", "cosine_beta_schedule_no_offset")),
            Mistake("cosine_not_squared", answer_key("diffusion", "cosine_beta_schedule_not_squared")),
            Mistake("alpha_bar_not_normalised", answer_key("diffusion", "cosine_beta_schedule_unnormalised")),
            Mistake("schedule_off_by_one_step", answer_key("diffusion", "cosine_beta_schedule_steps_from_zero")),
            Mistake("returns_alpha_bar", answer_key("diffusion", "cosine_beta_schedule_alpha_bar")),
            Mistake("clips_alpha_bar_not_beta", answer_key("diffusion", "cosine_beta_schedule_clips_alpha_bar")),
            Mistake("betas_not_clipped", answer_key("diffusion", "cosine_beta_schedule_unclipped")),
            Mistake("cosine_schedule_in_float32", answer_key("diffusion", "cosine_beta_schedule_float32")),
            Mistake("schedule_left_in_float64", answer_key("diffusion", "cosine_beta_schedule_float64")),
        ),
        make_inputs=_schedule_inputs,
        edge_cases=(
            Case("T1", dict(timesteps=1)),
            Case("T2", dict(timesteps=2)),
            Case("T10", dict(timesteps=10)),
            Case("iddpm_T1000", dict(timesteps=1000)),
            Case("max_beta_0.5", dict(timesteps=10, max_beta=0.5)),
            Case("s_0.05", dict(timesteps=50, s=0.05)),
            Case("s_0.02_max_beta_0.9", dict(timesteps=300, s=0.02, max_beta=0.9)),
        ),
        random_case=_random_cosine,
        n_random=15,
        shrink={"timesteps": 1},
        # no timing, as for the linear schedule
    ),
    Exercise(
        id="q_sample",
        module="diffusion",
        summary="the forward process: noise x0 to step t in one jump",
        reference_note="hand-written, checked element by element",
        points=5,
        reference=answer_key("diffusion", "q_sample_reference"),
        mistakes=(
            Mistake("missing_sqrt_on_alpha_bar", answer_key("diffusion", "q_sample_no_sqrt")),
            Mistake("noise_coefficient_missing_sqrt", answer_key("diffusion", "q_sample_noise_without_sqrt")),
            Mistake("one_minus_sqrt_alpha_bar", answer_key("diffusion", "q_sample_one_minus_sqrt")),
            Mistake("swapped_signal_and_noise_scales", answer_key("diffusion", "q_sample_swapped_terms")),
            Mistake("t_read_as_one_based", answer_key("diffusion", "q_sample_t_minus_one")),
            Mistake("cumprod_of_alphas_cumprod", answer_key("diffusion", "q_sample_cumprod_again")),
            Mistake("coefficients_shaped_for_images_only", answer_key("diffusion", "q_sample_images_only")),
            Mistake("coefficients_broadcast_on_last_axis", answer_key("diffusion", "q_sample_last_axis")),
            Mistake("result_always_float32", answer_key("diffusion", "q_sample_always_float32")),
            Mistake("result_dtype_promoted", answer_key("diffusion", "q_sample_promoted_dtype")),
        ),
        make_inputs=_q_sample_inputs,
        edge_cases=(
            # B differs from every other size, so broadcasting abar on the wrong axis raises
            Case("images", _q(B=5, trailing=(3, 7, 6), T=12)),
            Case("vectors", _q(B=6, trailing=(4,), T=9)),
            Case("one_value_per_item", _q(B=7, trailing=(), T=10)),
            Case("sequences", _q(B=3, trailing=(5, 2), T=8)),
            # ...and here a size equals B, so broadcasting on the last axis runs and gives wrong values
            Case("square_vectors", _q(B=5, trailing=(5,), T=11)),
            Case("width_equals_batch", _q(B=4, trailing=(3, 5, 4), T=6)),
            Case("float64", _q(B=3, trailing=(2, 5), T=7, dtype="float64")),
            Case("float64_schedule_float32_data", _q(B=4, trailing=(6,), T=9, schedule_dtype="float64")),
            Case("ddpm_T1000", _q(B=8, trailing=(3, 4, 5), T=1000, schedule="ddpm")),
            Case("single_item", _q(B=1, trailing=(2, 3), T=5)),
            Case("T1", _q(B=3, trailing=(4,), T=1)),
        ),
        random_case=_random_q_sample,
        n_random=20,
        shrink={"B": 1, "T": 1},
        # 18k elements. The engine times the round trip, output transfer included, and leaves batches under
        # 50 ms unjudged: vectorised answers (even a loop over the batch, even on a GPU) take a few ms and
        # stay clear of that floor, so a noisy machine cannot fail them, while a loop reading and writing
        # each element takes ~0.3 s a batch, ~100x the reference. A loop over .tolist() floats (~5 ms a
        # call) is not caught: at any size its per-value cost is within ~20x of moving the output back
        timing=Timing(_q(B=8, trailing=(3, 32, 24), T=1000, schedule="ddpm"), budget=10.0),
    ),
]
