"""Generative models: the GAN losses, and sampling with a trained diffusion model (x0 from the predicted noise,
one DDPM ancestral step, classifier-free guidance).

The GAN losses' reference is PyTorch's ``binary_cross_entropy_with_logits``. PyTorch has no operator for the
diffusion formulas, so their references are hand-written; ``tests/specs/test_reference_generative.py`` checks them
against diffusers' ``DDPMScheduler.step`` (its ``pred_original_sample`` and ``prev_sample``) and against the
formulas evaluated element by element.
"""

from __future__ import annotations

import random

import torch

from autograder.core.key import answer_key
from autograder.core.spec import DTYPES, Case, Exercise, Mistake, Timing, randn, uniform

ORDER = 55

# The loss in one call, under each name that reaches it: the fused operator (functional and module), the soft
# margin loss (softplus(-y x) with y = +-1 is the same sum), and the multi-label soft margin loss, a Python
# function over logsigmoid that PyTorch's dispatcher never names.
BCE_WITH_LOGITS = (
    "aten::binary_cross_entropy_with_logits",
    "aten::soft_margin_loss",
    "torch.nn.functional.multilabel_soft_margin_loss",
)


# --- GAN losses ------------------------------------------------------------------------------------------


def _logits(count: int, trailing: tuple[int, ...], gen: torch.Generator, dtype: str, scale: float,
            big: float | None, sign: int) -> torch.Tensor:
    """``count`` rows of logits of spread ``scale``; with ``big``, shifted by ``sign * big`` (sign +1 or -1),
    or, with ``sign`` 0, holding one logit +big and one -big among ordinary ones."""
    shape = (count, *trailing)
    logits = randn(shape, gen, "float64", scale=scale)
    if big is not None:
        if sign:
            logits = logits + sign * big
        else:
            flat = logits.view(-1)
            flat[0] = big
            flat[-1] = -big
    return logits.to(DTYPES[dtype])


def _gan_d_inputs(params, gen):
    real_sign, fake_sign = {"both_signs": (0, 0), "confident": (1, -1), "fooled": (-1, 1)}[params["pattern"]]
    trailing, dtype, scale, big = tuple(params["trailing"]), params["dtype"], params["scale"], params["big"]
    return dict(real_logits=_logits(params["B_real"], trailing, gen, dtype, scale, big, real_sign),
                fake_logits=_logits(params["B_fake"], trailing, gen, dtype, scale, big, fake_sign))


def _gan_d(B_real: int, B_fake: int, trailing: tuple[int, ...] = (), dtype: str = "float32", scale: float = 3.0,
           big: float | None = None, pattern: str = "both_signs") -> dict:
    return dict(B_real=B_real, B_fake=B_fake, trailing=trailing, dtype=dtype, scale=scale, big=big, pattern=pattern)


def _random_gan_d(rng: random.Random) -> dict:
    B = rng.randint(1, 12)
    trailing = tuple(rng.randint(1, 5) for _ in range(rng.choice([0, 0, 1, 3])))
    big = rng.choice([None, None, None, 20.0, 100.0, 1000.0])
    return _gan_d(B, B if rng.random() < 0.6 else rng.randint(1, 12), trailing,
                  dtype=rng.choice(["float32", "float64"]), scale=round(rng.uniform(0.5, 8.0), 2), big=big,
                  pattern=rng.choice(["both_signs", "both_signs", "confident", "fooled"]) if big else "both_signs")


def _gan_g_inputs(params, gen):
    sign = {"both_signs": 0, "fooling": 1, "caught": -1}[params["pattern"]]
    return dict(fake_logits=_logits(params["B"], tuple(params["trailing"]), gen, params["dtype"], params["scale"],
                                    params["big"], sign))


def _gan_g(B: int, trailing: tuple[int, ...] = (), dtype: str = "float32", scale: float = 3.0,
           big: float | None = None, pattern: str = "both_signs") -> dict:
    return dict(B=B, trailing=trailing, dtype=dtype, scale=scale, big=big, pattern=pattern)


def _random_gan_g(rng: random.Random) -> dict:
    big = rng.choice([None, None, None, 20.0, 100.0, 1000.0])
    return _gan_g(rng.randint(1, 12), tuple(rng.randint(1, 5) for _ in range(rng.choice([0, 0, 1, 3]))),
                  dtype=rng.choice(["float32", "float64"]), scale=round(rng.uniform(0.5, 8.0), 2), big=big,
                  pattern=rng.choice(["both_signs", "both_signs", "fooling", "caught"]) if big else "both_signs")


# --- diffusion sampling ----------------------------------------------------------------------------------

# In float32, x0 = (x_t - sqrt(1 - abar) eps) / sqrt(abar) amplifies the rounding of its inputs by 1/sqrt(abar)
# (158 at DDPM's last step): two correct ways of writing it then differ by more than float32's tolerance.
# float32 cases therefore draw t among the steps with abar_t >= this; the late steps are graded in float64.
ABAR_MIN_FLOAT32 = 1e-2


def _signed(shape: tuple[int, ...], gen: torch.Generator, dtype: str) -> torch.Tensor:
    """Values of magnitude 0.5..2 and random sign: a coefficient applied to the wrong term cannot hide near 0."""
    magnitude = uniform(shape, gen, 0.5, 2.0, dtype="float64")
    sign = torch.randint(0, 2, shape, generator=gen).to(torch.float64) * 2 - 1
    return (magnitude * sign).to(DTYPES[dtype])


def _betas(schedule: str, steps: int, gen: torch.Generator) -> torch.Tensor:
    """float64 betas: DDPM's linear schedule, a sigmoid one whose abar_t falls to almost zero, or large
    random ones.

    The sigmoid schedule (GeoDiff's) stands in for improved DDPM's cosine one, whose code is the answer to
    ``cosine_beta_schedule`` and so stays out of a student release; both end with abar_t near zero. The
    random betas (0.05 to 0.5, in no order) make every step's variance differ visibly from the posterior
    variance and alpha_t differ visibly from abar_t, which DDPM's small early betas do not."""
    if schedule == "linear":
        # DDPM's betas, as the linear_beta_schedule exercise computes them (written out here so that a
        # student release, which withholds that reference, can still build these inputs)
        return torch.linspace(1e-4, 0.02, steps, dtype=torch.float32).to(torch.float64)
    if schedule == "sigmoid":
        return torch.sigmoid(torch.linspace(-6, 6, steps, dtype=torch.float64)) * (0.05 - 1e-4) + 1e-4
    return uniform((steps,), gen, 0.05, 0.5, dtype="float64")


def _steps(params, alphas_cumprod: torch.Tensor, gen: torch.Generator, abar_min: float) -> int | torch.Tensor:
    """The step(s) of a case: an int (``t`` = "first", "last" or random) or a ``(B,)`` long tensor that holds
    the first and last steps and a repeated one, among the steps whose abar_t is at least ``abar_min``."""
    valid = max(1, int((alphas_cumprod >= abar_min).sum()))
    batch = params["B"]
    if params["t"] == "per_item":
        t = torch.randint(0, valid, (batch,), generator=gen)
        t[0] = 0
        if batch >= 2:
            t[-1] = valid - 1
        if batch >= 4:
            t[2] = t[1]
        return t
    if params["t"] == "first":
        return 0
    if params["t"] == "last":
        return valid - 1
    return int(torch.randint(0, valid, (), generator=gen))


def _diffusion_inputs(params, gen, betas_name: str):
    shape = (params["B"], *params["trailing"])
    betas = _betas(params["schedule"], params["T"], gen)
    alphas_cumprod = torch.cumprod(1 - betas, 0)
    # abar decreases with t, so the steps kept are 0 .. valid - 1
    abar_min = ABAR_MIN_FLOAT32 if betas_name == "alphas_cumprod" and params["dtype"] == "float32" else 0.0
    t = _steps(params, alphas_cumprod, gen, abar_min)
    schedule_dtype = DTYPES[params["schedule_dtype"]]
    inputs = dict(x_t=_signed(shape, gen, params["dtype"]), t=t, eps=_signed(shape, gen, params["dtype"]))
    if betas_name == "alphas_cumprod":
        inputs["alphas_cumprod"] = alphas_cumprod.to(schedule_dtype)
    else:
        inputs["betas"] = betas.to(schedule_dtype)
        inputs["noise"] = _signed(shape, gen, params["dtype"])
    return inputs


def _predict_x0_inputs(params, gen):
    return _diffusion_inputs(params, gen, "alphas_cumprod")


def _ddpm_step_inputs(params, gen):
    return _diffusion_inputs(params, gen, "betas")


def _d(B: int, trailing: tuple[int, ...], T: int, t: str = "per_item", schedule: str = "random",
       dtype: str = "float32", schedule_dtype: str | None = None) -> dict:
    return dict(B=B, trailing=trailing, T=T, t=t, schedule=schedule, dtype=dtype,
                schedule_dtype=schedule_dtype or dtype)


def _random_diffusion(rng: random.Random) -> dict:
    dtype = rng.choice(["float32", "float64"])
    schedule = rng.choice(["random", "random", "linear", "sigmoid"])
    T = rng.randint(1, 60) if schedule == "random" else rng.choice([rng.randint(1, 60), 1000])
    return _d(B=rng.randint(1, 9), trailing=tuple(rng.randint(1, 8) for _ in range(rng.randint(0, 3))), T=T,
              t=rng.choice(["per_item", "per_item", "random"]), schedule=schedule, dtype=dtype,
              schedule_dtype=rng.choice([dtype, dtype, "float64"]))


def _cfg_inputs(params, gen):
    shape = (params["B"], *params["trailing"])
    scale = params["scale"]
    if scale == "per_item":
        # from below 0 to well above 1, distinct per item: a scale applied to the wrong item shows
        scale = uniform((params["B"],), gen, -1.0, 12.0, dtype=params.get("scale_dtype", params["dtype"]))
    return dict(eps_uncond=_signed(shape, gen, params["dtype"]), eps_cond=_signed(shape, gen, params["dtype"]),
                guidance_scale=scale)


def _cfg(B: int, trailing: tuple[int, ...], scale: float | str, dtype: str = "float32",
         scale_dtype: str | None = None) -> dict:
    params = dict(B=B, trailing=trailing, scale=scale, dtype=dtype)
    if scale == "per_item":
        params["scale_dtype"] = scale_dtype or dtype
    return params


def _random_cfg(rng: random.Random) -> dict:
    dtype = rng.choice(["float32", "float64"])
    scales: list[float | str] = ["per_item", 0.0, 1.0, 7.5, round(rng.uniform(-1.0, 15.0), 3)]
    scale = rng.choice(scales)
    return _cfg(B=rng.randint(1, 9), trailing=tuple(rng.randint(1, 8) for _ in range(rng.randint(0, 3))),
                scale=scale, dtype=dtype, scale_dtype=rng.choice([dtype, "float64"]))


EXERCISES = [
    Exercise(
        id="gan_discriminator_loss",
        module="generative",
        summary="the GAN discriminator's loss from its logits, stable for any logit",
        reference_note="`F.binary_cross_entropy_with_logits`",
        points=5,
        reference=answer_key("generative", "gan_discriminator_loss_reference"),
        mistakes=(
            Mistake("swapped_real_fake_labels", answer_key("generative", "gan_discriminator_loss_swapped_labels")),
            Mistake("one_mean_over_reals_and_fakes", answer_key("generative", "gan_discriminator_loss_one_mean")),
            Mistake("bce_on_sigmoid_probabilities",
                    answer_key("generative", "gan_discriminator_loss_bce_on_probabilities")),
            # log(sigmoid) also overflows wherever log(1 + exp) does: the latter first, the other then named by
            # the float32 digits that 1 - sigmoid(x) loses on ordinary logits
            Mistake("softplus_as_log_one_plus_exp",
                    answer_key("generative", "gan_discriminator_loss_log_one_plus_exp")),
            Mistake("log_of_sigmoid_overflows", answer_key("generative", "gan_discriminator_loss_log_of_sigmoid")),
        ),
        make_inputs=_gan_d_inputs,
        edge_cases=(
            Case("batch_of_logits", _gan_d(8, 8)),
            Case("column_of_logits", _gan_d(6, 6, (1,))),
            Case("patch_gan_maps", _gan_d(2, 2, (1, 4, 3))),
            # a mean over both tensors at once weighs them by their sizes
            Case("more_fakes_than_reals", _gan_d(3, 9)),
            Case("single_logit_each", _gan_d(1, 1)),
            Case("float64", _gan_d(7, 5, dtype="float64")),
            Case("logits_pm20_float32", _gan_d(6, 6, big=20.0)),
            Case("logits_pm100_float32", _gan_d(6, 6, big=100.0)),
            Case("logits_pm1000_float32", _gan_d(6, 6, big=1000.0)),
            Case("logits_pm100_float64", _gan_d(6, 6, dtype="float64", big=100.0)),
            Case("logits_pm1000_float64", _gan_d(6, 6, dtype="float64", big=1000.0)),
            Case("confident_discriminator", _gan_d(5, 5, big=1000.0, pattern="confident")),
            Case("fooled_discriminator", _gan_d(5, 5, big=1000.0, pattern="fooled")),
            Case("fooled_discriminator_30", _gan_d(5, 5, big=30.0, pattern="fooled")),
        ),
        random_case=_random_gan_d,
        n_random=12,
        shrink={"B_real": 1, "B_fake": 1},
        # 2 x 16384 logits and a 0-d result: nothing large comes back, so the ratio measures compute. Losses
        # written with tensor operations take 1-3 ms a batch, like the reference, under the 50 ms floor; a
        # loop reading the tensors element by element measured ~190x, and even a loop over .tolist() floats
        # ~50x (90 ms a batch, just above the floor)
        timing=Timing(_gan_d(16384, 16384), budget=10.0),
        forbidden=BCE_WITH_LOGITS,
    ),
    Exercise(
        id="gan_generator_loss",
        module="generative",
        summary="the non-saturating GAN generator loss, stable for any logit",
        reference_note="`F.binary_cross_entropy_with_logits`",
        points=3,
        reference=answer_key("generative", "gan_generator_loss_reference"),
        mistakes=(
            Mistake("saturating_generator_loss", answer_key("generative", "gan_generator_loss_saturating")),
            Mistake("generator_target_zero", answer_key("generative", "gan_generator_loss_target_zero")),
            Mistake("generator_loss_summed", answer_key("generative", "gan_generator_loss_summed")),
            # log(sigmoid(x)) and log(1 + exp(-x)) give inf for the same logits (x below about -88 in float32):
            # one mistake for both
            Mistake("unstable_log_sigmoid", answer_key("generative", "gan_generator_loss_log_of_sigmoid")),
        ),
        make_inputs=_gan_g_inputs,
        edge_cases=(
            Case("batch_of_logits", _gan_g(8)),
            Case("column_of_logits", _gan_g(6, (1,))),
            Case("patch_gan_maps", _gan_g(2, (1, 4, 3))),
            Case("single_logit", _gan_g(1)),
            Case("float64", _gan_g(7, dtype="float64")),
            Case("logits_pm20_float32", _gan_g(6, big=20.0)),
            Case("logits_pm100_float32", _gan_g(6, big=100.0)),
            Case("logits_pm1000_float32", _gan_g(6, big=1000.0)),
            Case("logits_pm1000_float64", _gan_g(6, dtype="float64", big=1000.0)),
            Case("fooling_the_discriminator", _gan_g(5, big=1000.0, pattern="fooling")),
            Case("caught_by_the_discriminator", _gan_g(5, big=1000.0, pattern="caught")),
            Case("caught_by_the_discriminator_30", _gan_g(5, big=30.0, pattern="caught")),
        ),
        random_case=_random_gan_g,
        n_random=12,
        shrink={"B": 1},
        timing=Timing(_gan_g(32768), budget=10.0),  # as for the discriminator's loss
        forbidden=BCE_WITH_LOGITS,
    ),
    Exercise(
        id="predict_x0",
        module="generative",
        summary="the clean sample that a predicted noise implies",
        reference_note="hand-written, checked against diffusers' `DDPMScheduler.step`",
        points=4,
        reference=answer_key("generative", "predict_x0_reference"),
        mistakes=(
            Mistake("multiplies_by_sqrt_alpha_bar", answer_key("generative", "predict_x0_multiplies")),
            Mistake("swapped_roots", answer_key("generative", "predict_x0_swapped_roots")),
            Mistake("noise_coefficient_missing_sqrt", answer_key("generative", "predict_x0_noise_without_sqrt")),
            Mistake("t_read_as_one_based", answer_key("generative", "predict_x0_t_minus_one")),
            Mistake("t_as_python_number", answer_key("generative", "predict_x0_python_t")),
            Mistake("coefficients_broadcast_on_last_axis", answer_key("generative", "predict_x0_last_axis")),
            Mistake("result_dtype_promoted", answer_key("generative", "predict_x0_promoted_dtype")),
        ),
        make_inputs=_predict_x0_inputs,
        edge_cases=(
            # B differs from every other size, so broadcasting abar on the wrong axis raises
            Case("images", _d(B=5, trailing=(3, 7, 6), T=12)),
            Case("images_int_t", _d(B=5, trailing=(3, 7, 6), T=12, t="random")),
            Case("vectors", _d(B=6, trailing=(4,), T=9)),
            Case("one_value_per_item", _d(B=7, trailing=(), T=10)),
            # ...and here a size equals B, so broadcasting on the last axis runs and gives wrong values
            Case("square_vectors", _d(B=5, trailing=(5,), T=11)),
            Case("width_equals_batch", _d(B=4, trailing=(3, 5, 4), T=6)),
            Case("first_step_int", _d(B=3, trailing=(2, 5), T=8, t="first")),
            Case("last_step_int", _d(B=3, trailing=(2, 5), T=8, t="last")),
            Case("float64", _d(B=3, trailing=(2, 5), T=7, dtype="float64")),
            Case("float64_schedule_float32_data", _d(B=4, trailing=(6,), T=9, schedule_dtype="float64")),
            Case("ddpm_T1000", _d(B=8, trailing=(3, 4, 5), T=1000, schedule="linear")),
            Case("ddpm_T1000_last_step_float64", _d(B=3, trailing=(4, 5), T=1000, t="last", schedule="linear",
                                                    dtype="float64")),
            Case("sigmoid_T1000_float64", _d(B=6, trailing=(2, 3), T=1000, schedule="sigmoid", dtype="float64")),
            Case("single_item", _d(B=1, trailing=(2, 3), T=5)),
            Case("T1", _d(B=3, trailing=(4,), T=1)),
        ),
        random_case=_random_diffusion,
        n_random=15,
        shrink={"B": 1, "T": 1},
        # 18k elements, as q_sample: vectorised answers take a few ms a batch, under the 50 ms floor; a loop
        # reading and writing each element is stopped at its limit (200x the reference); one over .tolist()
        # floats is not caught (measured 5x): its per-value cost is within ~20x of sending the output back
        timing=Timing(_d(B=8, trailing=(3, 32, 24), T=1000, schedule="linear"), budget=10.0),
    ),
    Exercise(
        id="ddpm_step",
        module="generative",
        summary="one step of DDPM's ancestral sampler (Algorithm 2, sigma_t^2 = beta_t)",
        reference_note="hand-written (Algorithm 2), checked against diffusers' `DDPMScheduler.step`",
        points=8,
        reference=answer_key("generative", "ddpm_step_reference"),
        mistakes=(
            Mistake("noise_added_at_t0", answer_key("generative", "ddpm_step_noise_at_t0")),
            Mistake("alpha_bar_for_alpha", answer_key("generative", "ddpm_step_abar_for_alpha")),
            Mistake("posterior_variance_for_beta", answer_key("generative", "ddpm_step_posterior_variance")),
            Mistake("noise_scaled_by_beta_not_sigma", answer_key("generative", "ddpm_step_variance_for_std")),
            Mistake("t_read_as_one_based", answer_key("generative", "ddpm_step_t_minus_one")),
            Mistake("t_as_python_number", answer_key("generative", "ddpm_step_python_if")),
            Mistake("posterior_mean_form_in_float32", answer_key("generative", "ddpm_step_posterior_mean")),
        ),
        make_inputs=_ddpm_step_inputs,
        edge_cases=(
            Case("images", _d(B=5, trailing=(3, 7, 6), T=12)),
            Case("images_int_t", _d(B=5, trailing=(3, 7, 6), T=12, t="random")),
            Case("vectors", _d(B=6, trailing=(4,), T=9)),
            Case("one_value_per_item", _d(B=7, trailing=(), T=10)),
            Case("square_vectors", _d(B=5, trailing=(5,), T=11)),
            Case("width_equals_batch", _d(B=4, trailing=(3, 5, 4), T=6)),
            # t = 0 is the last step: no noise is added
            Case("last_step_t0", _d(B=3, trailing=(2, 5), T=8, t="first")),
            Case("first_step_t_T-1", _d(B=3, trailing=(2, 5), T=8, t="last")),
            Case("t1_int", _d(B=3, trailing=(2, 5), T=2, t="last")),
            Case("float64", _d(B=3, trailing=(2, 5), T=7, dtype="float64")),
            Case("float64_schedule_float32_data", _d(B=4, trailing=(6,), T=9, schedule_dtype="float64")),
            Case("ddpm_T1000", _d(B=8, trailing=(3, 4, 5), T=1000, schedule="linear")),
            Case("ddpm_T1000_t0", _d(B=4, trailing=(3, 5), T=1000, t="first", schedule="linear")),
            Case("ddpm_T1000_t0_float64", _d(B=4, trailing=(3, 5), T=1000, t="first", schedule="linear",
                                             dtype="float64")),
            Case("sigmoid_T1000_float64", _d(B=6, trailing=(2, 3), T=1000, schedule="sigmoid", dtype="float64")),
            Case("single_item_t0", _d(B=1, trailing=(2, 3), T=5)),
            Case("single_item_t_last", _d(B=1, trailing=(2, 3), T=5, t="last")),
            Case("T1", _d(B=3, trailing=(4,), T=1)),
        ),
        random_case=_random_diffusion,
        n_random=15,
        shrink={"B": 1, "T": 1},
        timing=Timing(_d(B=8, trailing=(3, 32, 24), T=1000, schedule="linear"), budget=10.0),
    ),
    Exercise(
        id="classifier_free_guidance",
        module="generative",
        summary="classifier-free guidance: push the noise prediction towards the condition",
        reference_note="hand-written, checked element by element",
        points=3,
        reference=answer_key("generative", "classifier_free_guidance_reference"),
        mistakes=(
            Mistake("guidance_swapped", answer_key("generative", "classifier_free_guidance_swapped")),
            Mistake("guidance_one_plus_w_convention", answer_key("generative", "classifier_free_guidance_one_plus_w")),
            Mistake("scale_as_python_number", answer_key("generative", "classifier_free_guidance_python_scale")),
            Mistake("coefficients_broadcast_on_last_axis",
                    answer_key("generative", "classifier_free_guidance_last_axis")),
        ),
        make_inputs=_cfg_inputs,
        edge_cases=(
            Case("scale_0_unconditional", _cfg(B=3, trailing=(4, 5), scale=0.0)),
            Case("scale_1_conditional", _cfg(B=3, trailing=(4, 5), scale=1.0)),
            Case("scale_7.5", _cfg(B=3, trailing=(4, 5), scale=7.5)),
            Case("negative_scale", _cfg(B=2, trailing=(6,), scale=-0.5)),
            Case("float64", _cfg(B=4, trailing=(3, 2), scale=7.5, dtype="float64")),
            Case("per_item_images", _cfg(B=5, trailing=(3, 7, 6), scale="per_item")),
            Case("per_item_vectors", _cfg(B=6, trailing=(4,), scale="per_item")),
            Case("per_item_one_value", _cfg(B=7, trailing=(), scale="per_item")),
            Case("per_item_square_vectors", _cfg(B=5, trailing=(5,), scale="per_item")),
            Case("per_item_width_equals_batch", _cfg(B=4, trailing=(3, 5, 4), scale="per_item")),
            Case("per_item_float64_scale_float32_data", _cfg(B=4, trailing=(6,), scale="per_item",
                                                             scale_dtype="float64")),
            Case("single_item", _cfg(B=1, trailing=(2, 3), scale="per_item")),
        ),
        random_case=_random_cfg,
        n_random=12,
        shrink={"B": 1},
        timing=Timing(_cfg(B=8, trailing=(3, 32, 24), scale=7.5), budget=10.0),
    ),
]
