"""Initialisation and regularisation: Xavier and Kaiming initial weights, dropout, the L2 penalty.

The three random functions take a ``torch.Generator``, which cannot cross to the worker (only plain data
does): they are graded through the probe ``autograder.sandbox.probes.generator_calls``, which makes the
generator from a seed inside the worker and calls the function five times (with it, with it again, with a
generator seeded alike while torch's global generator is seeded otherwise, then twice without one).

- ``xavier_uniform`` and ``kaiming_normal``: the five results are compared with those of PyTorch's own
  ``torch.nn.init.xavier_uniform_`` / ``kaiming_normal_`` on ``torch.empty(fan_out, fan_in)``, called by the
  same driver: the same numbers, drawn from the same generator state.
- ``dropout``: which elements are dropped is the student's draw, so it is scored on its properties
  (``score_dropout``): every element 0 or x / (1 - p); the number dropped, and how often neighbouring elements
  or two calls agree, within 5 standard deviations of independent draws; the same mask from generators seeded
  alike, a fresh one at each call; the identity in eval mode, for p = 0 (nothing dropped) and p = 1
  (everything). ``tests/specs/test_reference_init.py`` checks that PyTorch's ``F.dropout`` passes it and that
  the usual mistakes do not.
- ``l2_penalty`` has no PyTorch operator: its reference is hand-written (``autograder/keys/init.py``),
  cross-checked in the tests with numpy and with the gradient SGD's ``weight_decay`` adds.
"""

from __future__ import annotations

import math
import random
from collections.abc import Mapping
from typing import Any, cast

import torch
import torch.nn.functional as F

from autograder.core.compare import describe_type, tolerances
from autograder.core.key import answer_key
from autograder.core.messages import say
from autograder.core.spec import DTYPES, Case, Exercise, Mistake, Timing, randn, uniform
from autograder.sandbox import probes

ORDER = 8  # after the optimisers, before convolutions

GENERATOR_CALLS = "autograder.sandbox.probes.generator_calls"
CALLS = probes.GENERATOR_CALLS


def _seed(gen: torch.Generator) -> int:
    return int(torch.randint(0, 2**31 - 1, (1,), generator=gen))


# ---------------------------------------------------------------------------------------------------------
# xavier_uniform and kaiming_normal


def xavier_uniform_reference(fan_out: int, fan_in: int, gain: float = 1.0,
                             generator: torch.Generator | None = None) -> torch.Tensor:
    return torch.nn.init.xavier_uniform_(torch.empty(fan_out, fan_in), gain=gain, generator=generator)


def kaiming_normal_reference(fan_out: int, fan_in: int, a: float = 0.0, mode: str = "fan_in",
                             nonlinearity: str = "leaky_relu",
                             generator: torch.Generator | None = None) -> torch.Tensor:
    # PyTorch types mode and nonlinearity as Literals of the names it knows (and raises for any other)
    return torch.nn.init.kaiming_normal_(torch.empty(fan_out, fan_in), a=a, mode=cast(Any, mode),
                                         nonlinearity=cast(Any, nonlinearity), generator=generator)


# classic mistakes that are PyTorch's own initialisers called differently


def xavier_uniform_global_generator(fan_out: int, fan_in: int, gain: float = 1.0,
                                    generator: torch.Generator | None = None) -> torch.Tensor:
    """The generator given is ignored: the numbers come from torch's global generator."""
    return torch.nn.init.xavier_uniform_(torch.empty(fan_out, fan_in), gain=gain)


def xavier_uniform_normal_std_as_bound(fan_out: int, fan_in: int, gain: float = 1.0,
                                       generator: torch.Generator | None = None) -> torch.Tensor:
    """The bound gain * sqrt(2 / (fan_in + fan_out)), Xavier normal's standard deviation: sqrt(3) too small."""
    return torch.nn.init.xavier_uniform_(torch.empty(fan_out, fan_in), gain=gain / math.sqrt(3.0),
                                         generator=generator)


def kaiming_normal_fan_in_always(fan_out: int, fan_in: int, a: float = 0.0, mode: str = "fan_in",
                                 nonlinearity: str = "leaky_relu",
                                 generator: torch.Generator | None = None) -> torch.Tensor:
    """The mode is ignored: the standard deviation is always gain / sqrt(fan_in)."""
    return torch.nn.init.kaiming_normal_(torch.empty(fan_out, fan_in), a=a, nonlinearity=cast(Any, nonlinearity),
                                         generator=generator)


def kaiming_normal_slope_ignored(fan_out: int, fan_in: int, a: float = 0.0, mode: str = "fan_in",
                                 nonlinearity: str = "leaky_relu",
                                 generator: torch.Generator | None = None) -> torch.Tensor:
    """leaky_relu's slope is ignored: its gain is relu's sqrt(2) whatever ``a``."""
    return torch.nn.init.kaiming_normal_(torch.empty(fan_out, fan_in), mode=cast(Any, mode),
                                         nonlinearity=cast(Any, nonlinearity), generator=generator)


def _init_inputs(function: str, options: tuple[str, ...]):
    """The driver's inputs: the sizes, the options the case names (the others left at their defaults), and the
    seed of the generator the driver makes."""

    def make_inputs(params, gen):
        arguments = dict(fan_out=params["fan_out"], fan_in=params["fan_in"])
        arguments.update({key: params[key] for key in options if key in params})
        return dict(function=function, arguments=arguments, seed=_seed(gen))

    return make_inputs


def _random_sizes(rng: random.Random) -> dict:
    return dict(fan_out=rng.choice([1, rng.randint(2, 40), rng.randint(40, 300)]),
                fan_in=rng.choice([1, rng.randint(2, 40), rng.randint(40, 300)]))


def _random_xavier(rng: random.Random) -> dict:
    params = _random_sizes(rng)
    if rng.random() < 0.6:
        params["gain"] = rng.choice([0.5, 1.0, math.sqrt(2.0), 5 / 3, 3.0])
    return params


def _random_kaiming(rng: random.Random) -> dict:
    params = _random_sizes(rng)
    nonlinearity = rng.choice(["leaky_relu", "relu", "tanh", "linear", "sigmoid", "selu", None])
    if nonlinearity is not None:
        params["nonlinearity"] = nonlinearity
    if nonlinearity in ("leaky_relu", None) and rng.random() < 0.6:
        params["a"] = rng.choice([0.01, 0.1, 0.2, 0.5])
    if rng.random() < 0.4:
        params["mode"] = rng.choice(["fan_in", "fan_out"])
    return params


# ---------------------------------------------------------------------------------------------------------
# dropout


def dropout_reference(x: torch.Tensor, p: float, training: bool = True,
                      generator: torch.Generator | None = None) -> torch.Tensor:
    """``F.dropout(x, p, training)``. F.dropout takes no generator: given one, the global generator of x's
    device is seeded from it meanwhile (and restored after), so the mask follows ``generator``."""
    if generator is None:
        return F.dropout(x, p, training)
    rng = torch.cuda.default_generators[x.device.index or 0] if x.device.type == "cuda" else torch.default_generator
    saved = rng.get_state()
    rng.manual_seed(int(torch.randint(0, 2**62, (1,), generator=generator, device=generator.device)))
    try:
        return F.dropout(x, p, training)
    finally:
        rng.set_state(saved)


def _dropout_inputs(params, gen):
    """``x``: values of either sign between 0.5 and 2 in size, never 0, so that a dropped element shows;
    ``training`` only where the case names it."""
    shape, dtype = tuple(params["shape"]), params["dtype"]
    magnitude = uniform(shape, gen, 0.5, 2.0, "float64")
    sign = torch.where(torch.rand(shape, generator=gen) < 0.5, -1.0, 1.0).to(torch.float64)
    arguments: dict[str, Any] = dict(x=(magnitude * sign).to(DTYPES[dtype]), p=params["p"])
    if "training" in params:
        arguments["training"] = params["training"]
    return dict(function="dropout", arguments=arguments, seed=_seed(gen))


def _dropout(shape=(128, 160), p: float = 0.5, dtype: str = "float32", **training: bool) -> dict:
    return dict(shape=shape, p=p, dtype=dtype, **training)


def _random_dropout(rng: random.Random) -> dict:
    shape = tuple(rng.randint(2, 64) for _ in range(rng.randint(1, 3)))
    params = _dropout(shape, p=rng.choice([0.1, 0.2, 0.25, 0.5, 0.7, 0.9]), dtype=rng.choice(["float32", "float64"]))
    if rng.random() < 0.5:
        params["training"] = True
    return params


# how far from what independent draws give a count may be, in standard deviations: a correct dropout fails
# one such check with a probability under 6e-7
SIGMAS = 5.0


def _within(count: int, trials: int, chance: float) -> bool:
    """``count`` successes in ``trials`` independent trials of probability ``chance``, within SIGMAS standard
    deviations of the mean (exactly the mean where the chance is 0 or 1)."""
    spread = SIGMAS * math.sqrt(trials * chance * (1 - chance))
    return abs(count - trials * chance) <= spread


def _neighbour_pairs(mask: torch.Tensor, dim: int) -> tuple[torch.Tensor, torch.Tensor]:
    """Disjoint pairs of neighbours along ``dim`` (elements 0 and 1, 2 and 3...): independent of each other."""
    even = mask.narrow(dim, 0, 2 * (mask.shape[dim] // 2))
    return even.unflatten(dim, (-1, 2)).select(dim + 1, 0), even.unflatten(dim, (-1, 2)).select(dim + 1, 1)


def score_dropout(probe: Any, params: Mapping[str, Any], gen: torch.Generator) -> tuple[float, str]:
    """Full credit when every call of the probe behaves as dropout; none, with the first problem, otherwise."""
    arguments = _dropout_inputs(params, gen)["arguments"]
    x, p, training = arguments["x"], params["p"], params.get("training", True)
    if not isinstance(probe, dict) or set(probe) != set(CALLS):
        return 0.0, say("random_no_report")
    for call in CALLS:
        out = probe[call]
        if type(out) is not torch.Tensor or out.shape != x.shape or out.dtype != x.dtype:
            got = describe_type(out)
            return 0.0, say("dropout_not_like_x", call=call, shape=tuple(x.shape), dtype=x.dtype, got=got)
    if not training:
        for call in CALLS:
            if not torch.equal(probe[call], x):
                return 0.0, say("dropout_eval", call=call)
        return 1.0, ""
    rtol, atol = tolerances(x.dtype, None, None)
    masks = {}
    for call in CALLS:
        out = probe[call].to(torch.float64)
        dropped = out == 0
        kept = torch.isclose(out, x.to(torch.float64) / (1 - p), rtol=rtol, atol=atol) if p < 1 else dropped
        wrong = ~(dropped | kept)
        if wrong.any():
            index = tuple(int(i) for i in torch.unravel_index(wrong.reshape(-1).nonzero()[0, 0], x.shape))
            return 0.0, say("dropout_value", call=call, index=index, got=float(out[index]), x=float(x[index]), p=p)
        masks[call] = dropped
    # the chance that two independent draws agree (both dropped, or both kept)
    together = p * p + (1 - p) * (1 - p)
    if 0 < p < 1:
        # first whether the elements are drawn independently: a mask shared along an axis also skews the count
        first = masks[probes.WITH_GENERATOR]
        for dim in (d for d in range(x.dim()) if x.shape[d] > 1):
            left, right = _neighbour_pairs(first, dim)
            agree = int((left == right).sum())
            if not _within(agree, left.numel(), together):
                return 0.0, say("dropout_neighbours_agree", where=f"dim {dim}", agree=agree, total=left.numel(),
                                expected=together, sigmas=SIGMAS)
    for call in CALLS:
        count = int(masks[call].sum())
        if not _within(count, x.numel(), p):
            return 0.0, say("dropout_rate", call=call, dropped=count, total=x.numel(), rate=count / x.numel(), p=p,
                            sigmas=SIGMAS)
    if not torch.equal(masks[probes.WITH_GENERATOR], masks[probes.WITH_GENERATOR_RESEEDED]):
        return 0.0, say("random_ignores_generator", function="dropout")
    if not torch.equal(masks[probes.WITHOUT_GENERATOR], masks[probes.WITHOUT_GENERATOR_RESEEDED]):
        return 0.0, say("random_not_torch", function="dropout")
    for other in (probes.WITH_GENERATOR_AGAIN, probes.WITH_OTHER_GENERATOR):  # other numbers: other masks
        agree = int((masks[probes.WITH_GENERATOR] == masks[other]).sum())
        if not _within(agree, x.numel(), together):
            return 0.0, say("dropout_calls_agree", call=other, agree=agree, total=x.numel(), expected=together,
                            sigmas=SIGMAS)
    return 1.0, ""


# ---------------------------------------------------------------------------------------------------------
# l2_penalty


def _l2_inputs(params, gen):
    dtype = params["dtype"]
    return dict(params=[randn(tuple(shape), gen, dtype) for shape in params["shapes"]],
                weight_decay=params["weight_decay"])


def _l2(shapes=((3, 4), (4,)), weight_decay: float = 0.01, dtype: str = "float32") -> dict:
    return dict(shapes=shapes, weight_decay=weight_decay, dtype=dtype)


def _random_l2(rng: random.Random) -> dict:
    shapes = tuple(tuple(rng.randint(1, 8) for _ in range(rng.randint(0, 3))) for _ in range(rng.randint(1, 4)))
    return _l2(shapes, weight_decay=rng.choice([1e-4, 1e-2, 0.1, 1.0]), dtype=rng.choice(["float32", "float64"]))


# ---------------------------------------------------------------------------------------------------------

EXERCISES = [
    Exercise(
        id="xavier_uniform",
        module="init",
        summary="Glorot/Xavier uniform weights (fan_out, fan_in), drawn from the given generator",
        reference_note="`torch.nn.init.xavier_uniform_`, same generator state",
        points=3,
        reference=xavier_uniform_reference,
        make_inputs=_init_inputs("xavier_uniform", ("gain",)),
        probe=GENERATOR_CALLS,
        edge_cases=(
            Case("square", dict(fan_out=4, fan_in=4)),
            # fan_out rows, fan_in columns: the layout of nn.Linear(fan_in, fan_out).weight
            Case("wide", dict(fan_out=3, fan_in=7)),
            Case("tall", dict(fan_out=8, fan_in=2)),
            Case("one_by_one", dict(fan_out=1, fan_in=1)),
            Case("gain_2", dict(fan_out=5, fan_in=3, gain=2.0)),
            Case("gain_tanh", dict(fan_out=6, fan_in=10, gain=5 / 3)),
            Case("linear_784_to_128", dict(fan_out=128, fan_in=784)),
        ),
        random_case=_random_xavier,
        n_random=3,
        forbidden=("torch.nn.init.xavier_uniform_",),
        mistakes=(
            Mistake("weights_drawn_without_generator", xavier_uniform_global_generator),
            Mistake("xavier_bound_is_normal_std", xavier_uniform_normal_std_as_bound),
        ),
    ),
    Exercise(
        id="kaiming_normal",
        module="init",
        summary="He/Kaiming normal weights: the gain of the nonlinearity over sqrt(fan_in or fan_out)",
        reference_note="`torch.nn.init.kaiming_normal_`, same generator state",
        points=4,
        reference=kaiming_normal_reference,
        make_inputs=_init_inputs("kaiming_normal", ("a", "mode", "nonlinearity")),
        probe=GENERATOR_CALLS,
        edge_cases=(
            # the defaults: leaky_relu with a = 0 is relu's gain sqrt(2)
            Case("defaults", dict(fan_out=5, fan_in=3)),
            Case("relu", dict(fan_out=6, fan_in=4, nonlinearity="relu")),
            Case("leaky_relu_0.2", dict(fan_out=6, fan_in=4, a=0.2)),
            Case("leaky_relu_stated", dict(fan_out=4, fan_in=9, a=0.01, nonlinearity="leaky_relu")),
            Case("fan_out_mode", dict(fan_out=3, fan_in=12, mode="fan_out")),
            Case("fan_in_stated", dict(fan_out=3, fan_in=12, mode="fan_in", nonlinearity="relu")),
            Case("tanh", dict(fan_out=5, fan_in=7, nonlinearity="tanh")),
            Case("linear", dict(fan_out=5, fan_in=7, nonlinearity="linear")),
            Case("sigmoid", dict(fan_out=7, fan_in=5, nonlinearity="sigmoid")),
            Case("selu", dict(fan_out=5, fan_in=7, nonlinearity="selu")),
            # more than 16 values: PyTorch draws normals by another algorithm, which randn shares
            Case("layer_of_256", dict(fan_out=64, fan_in=256, mode="fan_out", nonlinearity="relu")),
        ),
        random_case=_random_kaiming,
        n_random=3,
        # the gain table is part of the exercise
        forbidden=("torch.nn.init.kaiming_normal_", "torch.nn.init.calculate_gain"),
        mistakes=(
            Mistake("kaiming_ignores_mode", kaiming_normal_fan_in_always),
            Mistake("leaky_relu_gain_ignores_slope", kaiming_normal_slope_ignored),
        ),
    ),
    Exercise(
        id="dropout",
        module="init",
        summary="inverted dropout: drop with probability p, scale the rest by 1/(1-p); identity in eval mode",
        reference_note="scored: 0 or x/(1-p) everywhere, binomial drop counts, fresh masks (as `F.dropout`)",
        points=5,
        reference=dropout_reference,
        make_inputs=_dropout_inputs,
        probe=GENERATOR_CALLS,
        score=score_dropout,
        edge_cases=(
            Case("half", _dropout()),
            Case("p_0.1", _dropout(p=0.1, training=True)),
            Case("p_0.9", _dropout(p=0.9)),
            Case("p_zero", _dropout(p=0.0)),
            Case("p_one", _dropout(p=1.0)),
            Case("eval_mode", _dropout(p=0.5, training=False)),
            Case("eval_mode_p_one", _dropout(p=1.0, training=False)),
            Case("three_axes", _dropout(shape=(8, 16, 32), p=0.3)),
            Case("vector", _dropout(shape=(4096,), p=0.25)),
            Case("float64", _dropout(p=0.5, dtype="float64")),
            Case("small", _dropout(shape=(3, 4), p=0.5)),
        ),
        random_case=_random_dropout,
        n_random=3,
        forbidden=("torch.nn.functional.dropout", "aten::dropout", "aten::dropout_", "aten::native_dropout",
                   "aten::_fused_dropout", "aten::feature_dropout", "aten::feature_dropout_"),
    ),
    Exercise(
        id="l2_penalty",
        module="init",
        summary="the L2 penalty weight_decay / 2 times the sum of every squared parameter",
        reference_note="hand-written, checked against numpy and SGD's weight decay",
        points=2,
        reference=answer_key("init", "l2_penalty_reference"),
        make_inputs=_l2_inputs,
        edge_cases=(
            Case("basic", _l2()),
            Case("one_tensor", _l2(shapes=((5,),), weight_decay=0.1)),
            Case("zero_dim", _l2(shapes=((), (3,)), weight_decay=1.0)),
            Case("many_shapes", _l2(shapes=((2, 3, 4), (4,), (1, 1), (6, 2)), weight_decay=5e-4)),
            Case("zero_decay", _l2(weight_decay=0.0)),
            Case("float64", _l2(shapes=((4, 3), (3,)), weight_decay=0.1, dtype="float64")),
        ),
        random_case=_random_l2,
        n_random=4,
        # summation order differs between correct answers (per tensor, or all at once)
        rtol=1e-5,
        # a small MLP's parameters (53k values): a loop over the tensors is natural, one over their elements is not
        timing=Timing(_l2(shapes=((256, 196), (256,), (10, 256), (10,))), budget=10.0),
        mistakes=(
            Mistake("l2_penalty_forgets_half", answer_key("init", "l2_penalty_forgets_half")),
            Mistake("l2_penalty_sums_norms", answer_key("init", "l2_penalty_sums_norms")),
        ),
    ),
]
