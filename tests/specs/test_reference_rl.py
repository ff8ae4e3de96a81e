"""The reinforcement-learning references checked against independent implementations.

discounted_returns: the closed form G_t = sum over k >= t of gamma^(k - t) r_k, summed until the first
episode end at or after t (numpy, float64), and a loop over Python floats. q_learning_update: the table as
Python lists, the transitions one by one. epsilon_greedy: numpy's ``argmax`` (the first maximum) and
``where``. reinforce_loss: numpy in float64, ``std(ddof=1)`` and float32's machine epsilon, as PyTorch's
REINFORCE example (examples/reinforcement_learning/reinforce.py) normalises its returns.
"""

from __future__ import annotations

import math
import random

import numpy as np
import pytest
import torch

from autograder.keys.rl import (
    NORMALIZE_EPS,
    discounted_returns_reference,
    epsilon_greedy_reference,
    q_learning_update_reference,
    reinforce_loss_reference,
)
from autograder.specs import get

RETURNS = get("discounted_returns")
Q = get("q_learning_update")
GREEDY = get("epsilon_greedy")
REINFORCE = get("reinforce_loss")


def _cases(exercise, seeds: int = 4) -> list:
    return list(exercise.edge_cases) + [c for seed in range(seeds) for c in exercise.cases(seed)
                                        if c.name.startswith("random")]


def _ids(case) -> str:
    return case.name


# --- discounted_returns ------------------------------------------------------------------------------------


def closed_form_returns(rewards: np.ndarray, gamma: float, dones: np.ndarray | None) -> np.ndarray:
    """G_t = sum_{k = t}^{e} gamma^(k - t) r_k, with e the first episode end at or after t (or T - 1)."""
    if rewards.size == 0:
        return rewards.astype(np.float64)
    r = rewards.reshape(len(rewards), -1).astype(np.float64)
    d = np.zeros_like(r, dtype=bool) if dones is None else dones.reshape(r.shape).astype(bool)
    out = np.zeros_like(r)
    for b in range(r.shape[1]):
        for t in range(len(r)):
            total = 0.0
            for k in range(t, len(r)):
                total += gamma ** (k - t) * r[k, b]
                if d[k, b]:
                    break
            out[t, b] = total
    return out.reshape(rewards.shape)


@pytest.mark.parametrize("case", _cases(RETURNS), ids=_ids)
def test_discounted_returns_match_the_closed_form(case):
    inputs = RETURNS.inputs(case.params, 0)
    rewards, dones = inputs["rewards"], inputs.get("dones")
    got = discounted_returns_reference(**inputs)
    assert got.dtype == rewards.dtype and got.shape == rewards.shape
    expected = closed_form_returns(rewards.double().numpy(), inputs["gamma"],
                                   None if dones is None else dones.numpy())
    exact = discounted_returns_reference(rewards.double(), inputs["gamma"], dones)
    np.testing.assert_allclose(exact.numpy(), expected, rtol=1e-10, atol=1e-10)
    # float32: the recursion's rounding stays well inside the spec's tolerance of the float64 returns
    bound = (RETURNS.atol + RETURNS.rtol * np.abs(expected)) / 5
    assert np.all(np.abs(got.double().numpy() - expected) <= bound)


def test_float32_rounding_of_a_long_horizon_needs_the_loose_tolerance():
    """gamma = 0.99 over 300 steps: float32 returns drift from float64 ones beyond float32's default rtol."""
    params = next(c.params for c in RETURNS.edge_cases if c.name == "long_horizon")
    worst = 0.0
    for seed in range(10):
        inputs = RETURNS.inputs({**params, "dones": "none"}, seed)
        got = discounted_returns_reference(**inputs).double()
        exact = discounted_returns_reference(inputs["rewards"].double(), inputs["gamma"])
        worst = max(worst, float(((got - exact).abs() / exact.abs().clamp(min=1)).max()))
    assert 1.3e-6 < worst < RETURNS.rtol / 2, worst


def test_discounted_returns_docstring_examples():
    ones = torch.ones(3)
    torch.testing.assert_close(discounted_returns_reference(ones, 0.9), torch.tensor([2.71, 1.9, 1.0]))
    torch.testing.assert_close(discounted_returns_reference(ones, 0.9, torch.tensor([False, True, False])),
                               torch.tensor([1.9, 1.0, 1.0]))
    assert discounted_returns_reference(torch.zeros(0, 3), 0.9).shape == (0, 3)


def test_discounted_returns_named_cases_are_sharp():
    """Ignoring dones, or applying them one step late, changes the answer of the cases made for it."""
    for name in ("worked_example_with_done", "done_in_the_middle", "every_step_done", "float_dones"):
        inputs = RETURNS.inputs(next(c.params for c in RETURNS.edge_cases if c.name == name), 0)
        with_dones = discounted_returns_reference(**inputs)
        without = discounted_returns_reference(inputs["rewards"], inputs["gamma"])
        assert (with_dones - without).abs().max() > 0.1, name
    inputs = RETURNS.inputs(next(c.params for c in RETURNS.edge_cases if c.name == "float_dones"), 0)
    assert inputs["dones"].dtype == torch.float32 and set(inputs["dones"].unique().tolist()) == {0.0, 1.0}


# --- q_learning_update -------------------------------------------------------------------------------------


def q_learning_by_hand(q: list[list[float]], transitions: list[tuple], alpha: float, gamma: float) -> list[list[float]]:
    table = [row[:] for row in q]
    for s, a, r, s_next, done in transitions:
        target = r + (0.0 if done else gamma * max(table[s_next]))
        table[s][a] += alpha * (target - table[s][a])
    return table


def _transitions(inputs: dict) -> list[tuple]:
    return list(zip(inputs["state"].tolist(), inputs["action"].tolist(), inputs["reward"].double().tolist(),
                    inputs["next_state"].tolist(), inputs["done"].tolist(), strict=True))


@pytest.mark.parametrize("case", _cases(Q), ids=_ids)
def test_q_learning_matches_a_loop_on_lists(case):
    inputs = Q.inputs(case.params, 0)
    before = inputs["q"].clone()
    got = q_learning_update_reference(**inputs)
    assert torch.equal(inputs["q"], before), "the reference modified its input"
    assert got.dtype == before.dtype and got.shape == before.shape
    expected = np.array(q_learning_by_hand(before.double().tolist(), _transitions(inputs), inputs["alpha"],
                                           inputs["gamma"])).reshape(before.shape)
    exact = q_learning_update_reference(**{**inputs, "q": before.double(), "reward": inputs["reward"].double()})
    np.testing.assert_allclose(exact.numpy(), expected, rtol=1e-12, atol=1e-12)
    bound = (Q.atol + Q.rtol * np.abs(expected)) / 5
    assert np.all(np.abs(got.double().numpy() - expected) <= bound)


def test_q_learning_docstring_example():
    got = q_learning_update_reference(torch.zeros(2, 2), torch.tensor([0, 1]), torch.tensor([1, 0]),
                                      torch.tensor([1.0, 2.0]), torch.tensor([1, 0]), torch.tensor([False, False]),
                                      alpha=0.5, gamma=0.9)
    torch.testing.assert_close(got, torch.tensor([[0.0, 0.5], [1.225, 0.0]]))


def test_q_learning_order_matters_in_the_named_cases():
    """Updating every pair at once from the original table gives another answer on these cases."""
    for name in ("worked_example", "same_pair_twice", "chain", "self_loop", "many_transitions"):
        inputs = Q.inputs(next(c.params for c in Q.edge_cases if c.name == name), 0)
        q = inputs["q"].clone()
        nxt = q[inputs["next_state"]].amax(dim=1) * (~inputs["done"]).to(q.dtype)
        target = inputs["reward"] + inputs["gamma"] * nxt
        q[inputs["state"], inputs["action"]] += inputs["alpha"] * (target - q[inputs["state"], inputs["action"]])
        assert (q - q_learning_update_reference(**inputs)).abs().max() > 1e-3, name


def test_q_learning_terminal_transitions_do_not_bootstrap():
    inputs = Q.inputs(next(c.params for c in Q.edge_cases if c.name == "all_terminal"), 0)
    assert inputs["done"].all()
    assert not torch.allclose(q_learning_update_reference(**inputs),
                              q_learning_update_reference(**{**inputs, "done": ~inputs["done"]}))


# --- epsilon_greedy ----------------------------------------------------------------------------------------


@pytest.mark.parametrize("case", _cases(GREEDY), ids=_ids)
def test_epsilon_greedy_matches_numpy(case):
    inputs = GREEDY.inputs(case.params, 0)
    got = epsilon_greedy_reference(**inputs)
    q = inputs["q_values"].double().numpy()
    expected = np.where(inputs["u"].double().numpy() >= inputs["epsilon"], np.argmax(q, axis=-1),
                        inputs["random_action"].numpy())
    assert got.dtype == torch.int64 and tuple(got.shape) == expected.shape
    np.testing.assert_array_equal(got.numpy(), expected)


def test_epsilon_greedy_named_cases_are_sharp():
    cases = {c.name: c.params for c in GREEDY.edge_cases}
    inputs = GREEDY.inputs(cases["ties"], 0)
    q = inputs["q_values"]
    tied = (q == q.amax(dim=1, keepdim=True)).sum(dim=1) > 1
    exploit = inputs["u"] >= inputs["epsilon"]
    # tied rows that exploit, where the first and the last maximum differ
    last = q.shape[1] - 1 - q.flip(1).argmax(dim=1)
    assert (tied & exploit & (last != q.argmax(dim=1))).sum() >= 3
    inputs = GREEDY.inputs(cases["u_equals_epsilon"], 0)
    assert torch.all(inputs["u"] == inputs["epsilon"])
    assert (inputs["random_action"] != inputs["q_values"].argmax(dim=1)).any()
    assert epsilon_greedy_reference(**GREEDY.inputs(cases["one_state"], 0)).shape == ()
    assert epsilon_greedy_reference(**GREEDY.inputs(cases["worked_example"], 0)).tolist() == [1, 0]


# --- reinforce_loss ----------------------------------------------------------------------------------------


def numpy_reinforce(log_probs: np.ndarray, returns: np.ndarray, baseline, normalize: bool) -> float:
    advantage = returns.astype(np.float64) - (0.0 if baseline is None else baseline)
    if normalize:
        advantage = (advantage - advantage.mean()) / (advantage.std(ddof=1) + np.finfo(np.float32).eps)
    return float(-np.mean(log_probs.astype(np.float64) * advantage))


@pytest.mark.parametrize("case", _cases(REINFORCE), ids=_ids)
def test_reinforce_loss_matches_numpy(case):
    inputs = REINFORCE.inputs(case.params, 0)
    baseline = inputs.get("baseline")
    normalize = inputs.get("normalize", False)
    if normalize and inputs["returns"].numel() < 2:
        with pytest.raises(ValueError):
            reinforce_loss_reference(**inputs)
        return
    got = reinforce_loss_reference(**inputs)
    assert got.shape == () and got.dtype == inputs["log_probs"].dtype
    expected = numpy_reinforce(inputs["log_probs"].double().numpy(), inputs["returns"].double().numpy(),
                               baseline.double().numpy() if torch.is_tensor(baseline) else baseline, normalize)
    assert math.isfinite(expected)
    assert abs(got.item() - expected) <= (REINFORCE.atol + REINFORCE.rtol * abs(expected)) / 5


def test_reinforce_loss_docstring_examples():
    lp, g = torch.tensor([-1.0, -2.0]), torch.tensor([3.0, 1.0])
    assert reinforce_loss_reference(lp, g).item() == pytest.approx(2.5)
    assert reinforce_loss_reference(lp, g, baseline=2.0).item() == pytest.approx(-0.5)
    assert reinforce_loss_reference(lp, g, normalize=True).item() == pytest.approx(-0.5 / math.sqrt(2), abs=1e-6)
    assert NORMALIZE_EPS == float(np.finfo(np.float32).eps) == pytest.approx(1.1920929e-07)


def test_reinforce_named_cases_are_sharp():
    cases = {c.name: c.params for c in REINFORCE.edge_cases}
    # subtracting the baseline after normalising gives another loss
    inputs = REINFORCE.inputs(cases["tensor_baseline_normalized"], 0)
    g, b = inputs["returns"], inputs["baseline"]
    reversed_order = -(inputs["log_probs"] * ((g - g.mean()) / (g.std() + NORMALIZE_EPS) - b)).mean()
    assert abs(reversed_order - reinforce_loss_reference(**inputs)) > 0.1
    # a constant baseline changes nothing once normalised
    inputs = REINFORCE.inputs(cases["float_baseline_normalized"], 0)
    without = {k: v for k, v in inputs.items() if k != "baseline"}
    torch.testing.assert_close(reinforce_loss_reference(**inputs), reinforce_loss_reference(**without))
    # equal returns: std 0, advantages 0, a loss of 0 (dividing by std alone gives NaN)
    inputs = REINFORCE.inputs(cases["constant_returns_normalized"], 0)
    assert inputs["returns"].std() == 0 and reinforce_loss_reference(**inputs).item() == 0.0
    # two values: the unbiased std is sqrt(2) times the biased one
    inputs = REINFORCE.inputs(cases["two_steps_normalized"], 0)
    adv = inputs["returns"] - inputs["returns"].mean()
    biased = -(inputs["log_probs"] * adv / (adv.std(unbiased=False) + NORMALIZE_EPS)).mean()
    assert abs(biased - reinforce_loss_reference(**inputs)) > 1e-3


def test_random_cases_vary():
    rng = random.Random(0)
    drawn = [REINFORCE.random_case(rng) for _ in range(100)]
    assert {p["baseline"] for p in drawn} == {"none", "float", "tensor"}
    assert {p.get("normalize") for p in drawn} == {True, False, None}
    drawn = [RETURNS.random_case(rng) for _ in range(100)]
    assert {p["dones"] for p in drawn} == {"random", "none", "float"} and any("B" in p for p in drawn)
