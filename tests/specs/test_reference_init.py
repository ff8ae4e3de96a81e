"""The initialisation and regularisation references, and dropout's score.

- xavier_uniform, kaiming_normal: PyTorch's functions, run through the probe ``generator_calls``, give the
  numbers the stubs' formulas give from the same generator (the bound, the gain table, the fan), drawn by
  ``torch.rand`` / ``torch.randn``; a generator seeded alike repeats them, a used one moves on.
- dropout: ``score_dropout`` gives full credit to PyTorch's ``F.dropout`` (the reference, on every case of
  several seeds) and to other correct ways of drawing the mask, and none, with the sentence that says why, to
  each usual mistake.
- l2_penalty: the key against numpy in float64, and its gradient against what SGD's weight decay adds.
"""

from __future__ import annotations

import math
from types import SimpleNamespace

import numpy as np
import pytest
import torch
import torch.nn.functional as F

from autograder.core.messages import MESSAGES
from autograder.keys.init import l2_penalty_reference
from autograder.sandbox import probes
from autograder.specs import get
from autograder.specs.init import CALLS, SIGMAS, _within, dropout_reference

XAVIER, KAIMING, DROPOUT, L2 = get("xavier_uniform"), get("kaiming_normal"), get("dropout"), get("l2_penalty")
SEEDS = (0, 1, 2)
# the gain table of the kaiming_normal stub's docstring
GAINS = {"linear": 1.0, "sigmoid": 1.0, "tanh": 5 / 3, "relu": math.sqrt(2.0), "selu": 3 / 4}


def _cases(ex, seeds=SEEDS):
    for seed in seeds:
        for case in ex.cases(seed):
            yield case, ex.inputs(case.params, seed)


def _probe(ex, function, inputs):
    return probes.generator_calls(SimpleNamespace(**{ex.function: function}), **inputs)


# --- xavier_uniform and kaiming_normal ---------------------------------------------------------------------

def _by_formula(draw, scale, shift, inputs):
    """The six calls of the probe, each drawn by ``draw(shape, generator)`` and mapped to ``draw * scale -
    shift``: the same generators, seeded as the probe seeds them."""
    args, seed = inputs["arguments"], inputs["seed"]
    shape = (args["fan_out"], args["fan_in"])
    with torch.random.fork_rng(devices=[]):
        torch.manual_seed(seed + 1)
        gen = torch.Generator().manual_seed(seed)
        first, again = draw(shape, gen), draw(shape, gen)
        reseeded = draw(shape, torch.Generator().manual_seed(seed))
        otherwise = draw(shape, torch.Generator().manual_seed(seed + probes.OTHER_SEED))
        torch.manual_seed(seed + 3)
        without = draw(shape, None)
    values = [first, again, reseeded, otherwise, without, without]
    return {call: v * scale - shift for call, v in zip(CALLS, values, strict=True)}


def test_xavier_is_uniform_in_the_stubs_bound():
    for case, inputs in _cases(XAVIER):
        args = inputs["arguments"]
        bound = args.get("gain", 1.0) * math.sqrt(6 / (args["fan_in"] + args["fan_out"]))
        got = XAVIER.run_reference(inputs)
        want = _by_formula(lambda shape, gen: torch.rand(shape, generator=gen), 2 * bound, bound, inputs)
        assert list(got) == list(CALLS), case.name
        for call in CALLS:
            assert got[call].dtype == torch.float32 and got[call].shape == (args["fan_out"], args["fan_in"])
            assert got[call].abs().max() <= bound, case.name
            torch.testing.assert_close(got[call], want[call], rtol=0, atol=1e-6, msg=f"{case.name}: {call}")


def test_kaiming_follows_the_stubs_gain_table_and_fan():
    seen = set()
    for case, inputs in _cases(KAIMING):
        args = inputs["arguments"]
        nonlinearity, a = args.get("nonlinearity", "leaky_relu"), args.get("a", 0.0)
        gain = math.sqrt(2 / (1 + a * a)) if nonlinearity == "leaky_relu" else GAINS[nonlinearity]
        fan = args["fan_out"] if args.get("mode") == "fan_out" else args["fan_in"]
        got = KAIMING.run_reference(inputs)
        want = _by_formula(lambda shape, gen: torch.randn(shape, generator=gen), gain / math.sqrt(fan), 0.0, inputs)
        for call in CALLS:
            torch.testing.assert_close(got[call], want[call], rtol=1e-6, atol=1e-7, msg=f"{case.name}: {call}")
        seen.add((nonlinearity, args.get("mode", "fan_in"), a != 0, args["fan_in"] * args["fan_out"] > 16))
    # every gain, both modes, a slope, and both of PyTorch's algorithms for normals (above 16 values, another)
    assert {s[0] for s in seen} == set(GAINS) | {"leaky_relu"}
    assert {s[1] for s in seen} == {"fan_in", "fan_out"} and {s[2] for s in seen} == {True, False}
    assert {s[3] for s in seen} == {True, False}


def test_the_probe_repeats_a_seeded_generator_and_moves_on_with_a_used_one():
    for ex in (XAVIER, KAIMING):
        for case, inputs in _cases(ex, seeds=(0,)):
            got = ex.run_reference(inputs)
            assert torch.equal(got[probes.WITH_GENERATOR], got[probes.WITH_GENERATOR_RESEEDED]), case.name
            assert torch.equal(got[probes.WITHOUT_GENERATOR], got[probes.WITHOUT_GENERATOR_RESEEDED]), case.name
            if got[probes.WITH_GENERATOR].numel() > 1:
                assert not torch.equal(got[probes.WITH_GENERATOR], got[probes.WITH_GENERATOR_AGAIN]), case.name
                assert not torch.equal(got[probes.WITH_GENERATOR], got[probes.WITHOUT_GENERATOR]), case.name


def test_the_docstring_examples():
    printed = dict(atol=1e-4, rtol=0)  # what the docstrings print: four decimals
    torch.testing.assert_close(XAVIER.reference(2, 3, generator=torch.Generator().manual_seed(0)),
                               torch.tensor([[-0.0082, 0.5876, -0.9016], [-0.8062, -0.4219, 0.2938]]), **printed)
    torch.testing.assert_close(KAIMING.reference(2, 3, generator=torch.Generator().manual_seed(0)),
                               torch.tensor([[1.2582, -0.2396, -1.7790], [0.4641, -0.8855, -1.1419]]), **printed)
    y = dropout_reference(torch.ones(1000), 0.25, generator=torch.Generator().manual_seed(0))
    assert sorted(set(y.tolist())) == [0.0, 1.3333333730697632] and 200 < int((y == 0).sum()) < 300
    assert torch.equal(dropout_reference(torch.ones(3), 0.25, training=False), torch.ones(3))
    torch.testing.assert_close(l2_penalty_reference([torch.tensor([1.0, 2.0]), torch.tensor([[3.0]])], 0.1),
                               torch.tensor(0.7))


# --- dropout's score ---------------------------------------------------------------------------------------

def _score(function, case, seed: int = 0) -> tuple[float, str]:
    inputs = DROPOUT.inputs(case.params, seed)
    probe = _probe(DROPOUT, function, inputs)
    return DROPOUT.score(probe, case.params, DROPOUT.generator(case.params, seed))


def _case(name: str):
    return next(case for case in DROPOUT.edge_cases if case.name == name)


@pytest.mark.parametrize("seed", range(4))
def test_pytorchs_dropout_earns_full_credit_on_every_case(seed):
    for case in DROPOUT.cases(seed):
        assert _score(dropout_reference, case, seed) == (1.0, ""), case.name


def _bernoulli(x, p, training=True, generator=None):
    if not training:
        return x
    return x * torch.empty_like(x).bernoulli_(1 - p, generator=generator) / (1 - p) if p < 1 else x * 0


def _uniform_threshold(x, p, training=True, generator=None):
    if not training or p == 0:
        return x.clone()
    keep = torch.rand(x.shape, generator=generator, dtype=torch.float64) >= p
    return torch.where(keep, x / (1 - p), torch.zeros((), dtype=x.dtype)) if p < 1 else torch.zeros_like(x)


@pytest.mark.parametrize("dropout", [_bernoulli, _uniform_threshold])
def test_other_correct_masks_earn_full_credit(dropout):
    for case in DROPOUT.cases(0):
        assert _score(dropout, case) == (1.0, ""), case.name


def _scaled(mask_of):
    """A dropout that keeps where ``mask_of(x, p, generator)`` is true and scales as it should."""
    def dropout(x, p, training=True, generator=None):
        if not training:
            return x
        if p == 1:
            return torch.zeros_like(x)
        return torch.where(mask_of(x, p, generator), x / (1 - p), torch.zeros_like(x))
    return dropout


def _one_decision_per_row(x, p, generator):
    return (torch.rand(x.shape[:-1] + (1,), generator=generator) >= p).expand(x.shape)


def _fixed_mask(x, p, generator):
    return torch.rand(x.shape, generator=torch.Generator().manual_seed(0)) >= p


def _global_rng_always(x, p, generator):
    return torch.rand(x.shape) >= p


def _numpy_without_generator(x, p, generator):
    if generator is not None:
        return torch.rand(x.shape, generator=generator) >= p
    return torch.from_numpy(np.random.default_rng().random(tuple(x.shape)) >= p)


def _nan_at_p_one(x, p, training=True, generator=None):
    return x * (torch.rand(x.shape, generator=generator) >= p) / (1 - p) if training else x


def _eval_scales(x, p, training=True, generator=None):
    return _bernoulli(x, p, True, generator) if training else x * (1 - p)


def _float64_out(x, p, training=True, generator=None):
    return _bernoulli(x, p, training, generator).double()


MISTAKES = [
    (_scaled(_one_decision_per_row), "half", "dropout_neighbours_agree"),
    (_scaled(_one_decision_per_row), "three_axes", "dropout_neighbours_agree"),
    (_scaled(_fixed_mask), "half", "dropout_calls_agree"),
    (_scaled(_global_rng_always), "p_0.1", "random_ignores_generator"),
    (_scaled(_numpy_without_generator), "half", "random_not_torch"),
    (_scaled(lambda x, p, generator: torch.rand(x.shape, generator=generator) < p), "p_0.1", "dropout_rate"),
    (_nan_at_p_one, "p_one", "dropout_value"),
    (_eval_scales, "eval_mode", "dropout_eval"),
    (_float64_out, "half", "dropout_not_like_x"),
]


@pytest.mark.parametrize(("dropout", "case", "message"), MISTAKES, ids=[f"{m[1]}-{m[2]}" for m in MISTAKES])
def test_each_usual_mistake_earns_nothing_and_hears_why(dropout, case, message):
    credit, sentence = _score(dropout, _case(case))
    assert credit == 0.0
    # the sentence is the one of that mistake: its fixed words are all there
    fixed = [part for part in MESSAGES[message].replace("}", "{").split("{")[::2] if len(part.strip()) > 3]
    assert fixed and all(part.strip() in sentence for part in fixed), sentence


def test_a_malformed_report_earns_nothing():
    case = _case("half")
    gen = DROPOUT.generator(case.params, 0)
    assert DROPOUT.score({"x": torch.zeros(3)}, case.params, gen)[0] == 0.0
    assert DROPOUT.score([torch.zeros(3)], case.params, DROPOUT.generator(case.params, 0))[0] == 0.0
    report = dict.fromkeys(CALLS, 1.0)
    assert DROPOUT.score(report, case.params, DROPOUT.generator(case.params, 0))[0] == 0.0


def test_the_bounds_are_exact_where_nothing_is_random():
    assert _within(0, 100, 0.0) and not _within(1, 100, 0.0)
    assert _within(100, 100, 1.0) and not _within(99, 100, 1.0)
    spread = SIGMAS * math.sqrt(10000 * 0.25)
    assert _within(5000 + int(spread), 10000, 0.5) and not _within(5000 + int(spread) + 1, 10000, 0.5)


def test_dropout_cases_hold_no_zero_and_cover_the_extremes():
    ps, modes = set(), set()
    for case, inputs in _cases(DROPOUT):
        x = inputs["arguments"]["x"]
        assert (x != 0).all(), case.name  # a dropped element is told apart from a kept one
        ps.add(inputs["arguments"]["p"])
        modes.add(inputs["arguments"].get("training", "default"))
    assert {0.0, 1.0} <= ps and modes == {True, False, "default"}


def test_f_dropout_itself_passes_with_the_global_generator():
    """The reference seeds F.dropout from the generator; F.dropout alone, drawing from the global generator,
    passes every check that does not involve a generator."""
    case = _case("half")
    x = DROPOUT.inputs(case.params, 0)["arguments"]["x"]
    torch.manual_seed(3)
    y = F.dropout(x, 0.5)
    assert set(((y == 0) | torch.isclose(y, 2 * x)).unique().tolist()) == {True}


# --- l2_penalty ----------------------------------------------------------------------------------------------

def test_l2_penalty_matches_numpy():
    for case, inputs in _cases(L2):
        got = l2_penalty_reference(**inputs)
        squares = sum(float(np.sum(p.double().numpy() ** 2)) for p in inputs["params"])
        want = inputs["weight_decay"] / 2 * squares
        assert got.shape == () and got.dtype == inputs["params"][0].dtype, case.name
        assert math.isclose(float(got), want, rel_tol=1e-6 if got.dtype == torch.float32 else 1e-13,
                            abs_tol=1e-30), case.name


def test_l2_penalty_gradient_is_sgds_weight_decay():
    gen = torch.Generator().manual_seed(1)
    params = [torch.randn(s, generator=gen, dtype=torch.float64, requires_grad=True) for s in [(3, 2), (2,), ()]]
    grads = torch.autograd.grad(l2_penalty_reference(params, 0.3), params)
    for p, g in zip(params, grads, strict=True):
        torch.testing.assert_close(g, 0.3 * p.detach())
