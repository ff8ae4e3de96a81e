"""Reinforcement learning: discounted returns, a tabular Q-learning update, epsilon-greedy actions, the
REINFORCE loss.

PyTorch has none of these, so their references are hand-written (``autograder/keys/rl.py``);
``tests/specs/test_reference_rl.py`` checks each against an independent implementation (numpy, plain Python
loops, numpy's own ``argmax``). Nothing of PyTorch computes them, so nothing is forbidden.
"""

from __future__ import annotations

import random

import torch

from autograder.core.key import answer_key
from autograder.core.spec import DTYPES, Case, Exercise, Mistake, Timing, randn, uniform

ORDER = 60


# ---------------------------------------------------------------------------------------------------------
# discounted_returns


def _returns_inputs(params, gen):
    """``rewards`` ``(T,)`` or ``(T, B)``; ``dones``: none (not passed), random (about one step in
    ``episode``), every step, the last step only, or random as 0./1. floats. ``rewards="ones"`` is the
    worked example's."""
    T, dtype = params["T"], params["dtype"]
    shape = (T, params["B"]) if "B" in params else (T,)
    if params.get("rewards") == "ones":
        rewards = torch.ones(shape, dtype=DTYPES[dtype])
    else:
        rewards = randn(shape, gen, dtype, offset=0.5)
    inputs: dict = dict(rewards=rewards, gamma=params["gamma"])
    kind = params.get("dones", "none")
    if kind == "none":
        return inputs
    if kind == "given":
        # cut to T (and B) steps: the smallest failing case may have fewer than the pattern spells out
        dones = torch.tensor(params["pattern"], dtype=torch.bool)[:T]
        dones = dones[:, :params["B"]] if "B" in params else dones
    elif kind == "all":
        dones = torch.ones(shape, dtype=torch.bool)
    elif kind == "last":
        dones = torch.zeros(shape, dtype=torch.bool)
        dones[-1:] = True
    else:
        dones = torch.rand(shape, generator=gen) < 1.0 / params.get("episode", 5)
    inputs["dones"] = dones.to(DTYPES[dtype]) if kind == "float" else dones
    return inputs


def _returns_case(T: int, gamma: float = 0.9, B: int | None = None, dones: str = "random", dtype: str = "float32",
                  **extra) -> dict:
    params = dict(T=T, gamma=gamma, dones=dones, dtype=dtype, **extra)
    if B is not None:
        params["B"] = B
    return params


def _random_returns(rng: random.Random) -> dict:
    return _returns_case(T=rng.choice([1, rng.randint(2, 10), rng.randint(11, 120)]),
                         gamma=rng.choice([0.9, 0.99, 0.5, round(rng.uniform(0.0, 1.0), 3)]),
                         B=rng.randint(1, 8) if rng.random() < 0.6 else None,
                         dones=rng.choice(["random", "random", "none", "float"]),
                         dtype=rng.choice(["float32", "float64"]), episode=rng.randint(2, 30))


# ---------------------------------------------------------------------------------------------------------
# q_learning_update


def _q_inputs(params, gen):
    """A table of normal values (zeros for the worked example); ``transitions`` given as (s, a, r, s', done)
    tuples, or ``N`` random ones (``terminal`` the share of done)."""
    S, A, dtype = params["S"], params["A"], params["dtype"]
    q = torch.zeros(S, A, dtype=DTYPES[dtype]) if params.get("zeros") else randn((S, A), gen, dtype)
    if "transitions" in params:
        s, a, r, s_next, done = zip(*params["transitions"], strict=True) if params["transitions"] else ([],) * 5
        state, action = torch.tensor(s, dtype=torch.int64), torch.tensor(a, dtype=torch.int64)
        reward = torch.tensor(r, dtype=DTYPES[dtype])
        next_state, done_t = torch.tensor(s_next, dtype=torch.int64), torch.tensor(done, dtype=torch.bool)
    else:
        N = params["N"]
        state = torch.randint(0, S, (N,), generator=gen)
        action = torch.randint(0, A, (N,), generator=gen)
        reward = randn((N,), gen, dtype)
        next_state = torch.randint(0, S, (N,), generator=gen)
        done_t = torch.rand(N, generator=gen) < params.get("terminal", 0.2)
    return dict(q=q, state=state, action=action, reward=reward, next_state=next_state, done=done_t,
                alpha=params["alpha"], gamma=params["gamma"])


def _q_case(S: int, A: int, alpha: float = 0.5, gamma: float = 0.9, dtype: str = "float32", **extra) -> dict:
    return dict(S=S, A=A, alpha=alpha, gamma=gamma, dtype=dtype, **extra)


def _random_q(rng: random.Random) -> dict:
    S, A = rng.randint(1, 12), rng.randint(1, 6)
    # few states and many transitions: repeated pairs and chains, where the order matters
    return _q_case(S, A, alpha=rng.choice([0.1, 0.5, 1.0, round(rng.uniform(0.01, 1.0), 3)]),
                   gamma=rng.choice([0.0, 0.9, 0.99, round(rng.uniform(0.0, 1.0), 3)]),
                   dtype=rng.choice(["float32", "float64"]), N=rng.choice([1, rng.randint(2, 20), rng.randint(21, 80)]),
                   terminal=rng.choice([0.0, 0.2, 0.5]))


# ---------------------------------------------------------------------------------------------------------
# epsilon_greedy


def _greedy_inputs(params, gen):
    """``q_values`` ``(B, A)`` or ``(A,)``; ``values``: normal, or small integers (many ties); ``u``: uniform
    draws, or all equal to epsilon (``u="epsilon"``); ``given`` spells out the worked example."""
    if "given" in params:
        q, epsilon, u, random_action = params["given"]
        return dict(q_values=torch.tensor(q), epsilon=epsilon, u=torch.tensor(u),
                    random_action=torch.tensor(random_action))
    A, dtype = params["A"], params["dtype"]
    lead = (params["B"],) if "B" in params else ()
    if params.get("values") == "ties":
        q = torch.randint(-1, 2, lead + (A,), generator=gen).to(DTYPES[dtype])
    else:
        q = randn(lead + (A,), gen, dtype)
    epsilon = params["epsilon"]
    if params.get("u") == "epsilon":
        u = torch.full(lead, epsilon, dtype=torch.float32)
    else:
        u = uniform(lead, gen, 0.0, 1.0)
    random_action = torch.randint(0, A, lead, generator=gen)
    return dict(q_values=q, epsilon=epsilon, u=u, random_action=random_action)


def _greedy_case(A: int, epsilon: float = 0.3, B: int | None = None, dtype: str = "float32", **extra) -> dict:
    params = dict(A=A, epsilon=epsilon, dtype=dtype, **extra)
    if B is not None:
        params["B"] = B
    return params


def _random_greedy(rng: random.Random) -> dict:
    return _greedy_case(A=rng.randint(1, 10), epsilon=rng.choice([0.0, 0.05, 0.1, 0.5, 1.0, round(rng.random(), 3)]),
                        B=rng.randint(1, 64) if rng.random() < 0.8 else None, dtype=rng.choice(["float32", "float64"]),
                        values=rng.choice(["normal", "ties"]))


# ---------------------------------------------------------------------------------------------------------
# reinforce_loss


def _reinforce_inputs(params, gen):
    """log-probabilities (negative), returns; ``baseline``: none (not passed), a float, or a tensor of
    value estimates; ``returns="constant"``: every return equal (std 0); ``normalize`` passed when given."""
    if "given" in params:
        log_probs, returns = params["given"]
        inputs: dict = dict(log_probs=torch.tensor(log_probs), returns=torch.tensor(returns))
    else:
        shape, dtype = tuple(params["shape"]), params["dtype"]
        log_probs = torch.log(uniform(shape, gen, 0.05, 1.0, dtype))
        if params.get("returns") == "constant":
            returns = torch.full(shape, 2.5, dtype=DTYPES[dtype])
        else:
            returns = randn(shape, gen, dtype, scale=3.0, offset=4.0)
        inputs = dict(log_probs=log_probs, returns=returns)
    kind = params.get("baseline", "none")
    if kind == "float":
        inputs["baseline"] = 2.0
    elif kind == "tensor":
        returns = inputs["returns"]
        inputs["baseline"] = (returns.double() * 0.5 + randn(tuple(returns.shape), gen, "float64")).to(returns.dtype)
    if "normalize" in params:
        inputs["normalize"] = params["normalize"]
    return inputs


def _reinforce_case(shape: list[int], dtype: str = "float32", **extra) -> dict:
    return dict(shape=shape, dtype=dtype, **extra)


def _random_reinforce(rng: random.Random) -> dict:
    shape = [rng.randint(2, 60)] if rng.random() < 0.6 else [rng.randint(1, 20), rng.randint(1, 8)]
    params = _reinforce_case(shape, dtype=rng.choice(["float32", "float64"]),
                             baseline=rng.choice(["none", "float", "tensor"]))
    if rng.random() < 0.7:
        params["normalize"] = rng.random() < 0.6
    if params.get("normalize") and shape == [1, 1]:
        params["shape"] = [2, 1]
    return params


WORKED = ([-1.0, -2.0], [3.0, 1.0])

EXERCISES = [
    Exercise(
        id="discounted_returns",
        module="rl",
        summary="G_t = r_t + gamma G_{t+1} (1 - done_t), backwards over T, batched over environments",
        reference_note="hand-written, checked against numpy and a Python loop",
        points=4,
        reference=answer_key("rl", "discounted_returns_reference"),
        make_inputs=_returns_inputs,
        edge_cases=(
            Case("worked_example", _returns_case(3, rewards="ones", dones="none")),
            Case("worked_example_with_done", _returns_case(3, rewards="ones", dones="given",
                                                           pattern=[False, True, False])),
            Case("no_dones", _returns_case(12, dones="none")),
            Case("batched", _returns_case(20, B=4)),
            Case("batch_of_one", _returns_case(15, B=1)),
            # an episode ends in the middle: its return must not carry the next episode's rewards
            Case("done_in_the_middle", _returns_case(6, B=2, dones="given",
                                                     pattern=[[False, False], [False, True], [True, False],
                                                              [False, False], [False, True], [False, False]])),
            Case("every_step_done", _returns_case(8, B=3, dones="all")),
            Case("done_at_last_step", _returns_case(10, dones="last")),
            Case("float_dones", _returns_case(16, B=3, dones="float")),
            Case("gamma_zero", _returns_case(10, gamma=0.0, B=2)),
            Case("gamma_one", _returns_case(10, gamma=1.0, dones="none")),
            Case("one_step", _returns_case(1, B=3)),
            Case("no_steps", _returns_case(0)),
            Case("no_steps_batched", _returns_case(0, B=3)),
            Case("long_horizon", _returns_case(300, gamma=0.99, B=2, episode=100)),
            Case("float64", _returns_case(30, gamma=0.95, B=3, dtype="float64")),
        ),
        random_case=_random_returns,
        n_random=5,
        shrink={"T": 0, "B": 1},
        # a float32 recursion accumulates rounding: a student summing discounted rewards in another order (or
        # in float64, then cast) differs from the reference by a few float32 ulps of G, up to ~1/(1 - gamma)
        rtol=1e-5,
        atol=1e-5,
        # a loop over T whose steps work on all B environments at once is the reference's way too
        timing=Timing(_returns_case(64, gamma=0.99, B=1024, episode=50), budget=10.0),
        mistakes=(
            Mistake("done_applied_one_step_late", answer_key("rl", "discounted_returns_done_one_step_late")),
            Mistake("returns_ignore_dones", answer_key("rl", "discounted_returns_ignore_dones")),
        ),
    ),
    Exercise(
        id="q_learning_update",
        module="rl",
        summary="tabular Q-learning: N transitions applied in order to a copy of the (S, A) table",
        reference_note="hand-written, checked against a Python loop on lists",
        points=4,
        reference=answer_key("rl", "q_learning_update_reference"),
        make_inputs=_q_inputs,
        edge_cases=(
            Case("worked_example", _q_case(2, 2, zeros=True, transitions=[(0, 1, 1.0, 1, False),
                                                                          (1, 0, 2.0, 0, False)])),
            Case("one_transition", _q_case(4, 3, transitions=[(2, 1, 0.5, 3, False)])),
            # the same pair twice: the second update starts from the first's result
            Case("same_pair_twice", _q_case(3, 2, transitions=[(1, 0, 1.0, 2, False), (1, 0, 1.0, 2, False)])),
            # each next state is the state updated just before: the max sees the new value
            Case("chain", _q_case(4, 2, zeros=True, transitions=[(3, 0, 1.0, 3, True), (2, 1, 0.0, 3, False),
                                                                 (1, 0, 0.0, 2, False), (0, 1, 0.0, 1, False)])),
            Case("self_loop", _q_case(2, 3, transitions=[(0, 2, 1.0, 0, False), (0, 2, 1.0, 0, False)])),
            Case("terminal", _q_case(3, 2, transitions=[(0, 0, 1.0, 1, True), (1, 1, -1.0, 2, True)])),
            Case("all_terminal", _q_case(5, 3, N=12, terminal=1.0)),
            Case("alpha_one", _q_case(4, 3, alpha=1.0, N=10)),
            Case("gamma_zero", _q_case(4, 3, gamma=0.0, N=10)),
            Case("no_transitions", _q_case(3, 2, transitions=[])),
            Case("one_state", _q_case(1, 4, N=6)),
            Case("one_action", _q_case(5, 1, N=8)),
            Case("many_transitions", _q_case(6, 4, alpha=0.3, gamma=0.95, N=150)),
            Case("float64", _q_case(5, 3, dtype="float64", N=40)),
        ),
        random_case=_random_q,
        n_random=5,
        shrink={"N": 0},
        # Python floats (float64) for the target, then stored in float32, differ from float32 tensor arithmetic
        # by a few ulps per update, compounded along chains of updates
        rtol=1e-5,
        atol=1e-5,
        # no timing: the updates depend on each other, so a loop over transitions is the algorithm
        mistakes=(
            Mistake("q_updates_all_at_once", answer_key("rl", "q_learning_update_all_at_once")),
            Mistake("q_bootstraps_after_terminal", answer_key("rl", "q_learning_update_ignores_done")),
        ),
    ),
    Exercise(
        id="epsilon_greedy",
        module="rl",
        summary="epsilon-greedy actions from given draws: argmax (first of ties) where u >= epsilon",
        reference_note="hand-written, checked against numpy's `argmax`",
        points=2,
        reference=answer_key("rl", "epsilon_greedy_reference"),
        make_inputs=_greedy_inputs,
        edge_cases=(
            Case("worked_example", dict(given=([[1.0, 3.0, 3.0], [0.0, -1.0, 2.0]], 0.1, [0.5, 0.05], [2, 0]))),
            Case("batch", _greedy_case(6, B=32)),
            Case("one_state", _greedy_case(5)),
            Case("one_state_explores", dict(given=([0.0, 5.0, 1.0], 0.5, 0.25, 2))),
            Case("always_exploit", _greedy_case(4, epsilon=0.0, B=16)),
            Case("always_explore", _greedy_case(4, epsilon=1.0, B=16)),
            # u == epsilon exploits (u < epsilon explores)
            Case("u_equals_epsilon", _greedy_case(5, epsilon=0.25, B=8, u="epsilon")),
            # small integers: most rows have tied maxima, the first one wins
            Case("ties", _greedy_case(6, epsilon=0.2, B=40, values="ties")),
            Case("one_action", _greedy_case(1, B=5)),
            Case("negative_values", dict(given=([[-3.0, -1.0, -2.0], [-0.5, -0.5, -4.0]], 0.0, [0.7, 0.2], [0, 2]))),
            Case("float64", _greedy_case(7, B=10, dtype="float64")),
        ),
        random_case=_random_greedy,
        n_random=5,
        shrink={"B": 1},
        # no timing: one argmax and one selection
        mistakes=(
            Mistake("ties_broken_towards_last", answer_key("rl", "epsilon_greedy_last_of_ties")),
            Mistake("explores_when_u_equals_epsilon", answer_key("rl", "epsilon_greedy_strict_inequality")),
        ),
    ),
    Exercise(
        id="reinforce_loss",
        module="rl",
        summary="REINFORCE: -mean(log_prob (G - b)), advantages standardised on request (unbiased std + eps)",
        reference_note="hand-written, as PyTorch's REINFORCE example; checked against numpy",
        points=4,
        reference=answer_key("rl", "reinforce_loss_reference"),
        make_inputs=_reinforce_inputs,
        edge_cases=(
            Case("worked_example", dict(given=WORKED)),
            Case("worked_example_baseline", dict(given=WORKED, baseline="float")),
            Case("worked_example_normalized", dict(given=WORKED, normalize=True)),
            Case("basic", _reinforce_case([10])),
            Case("float_baseline", _reinforce_case([10], baseline="float")),
            Case("tensor_baseline", _reinforce_case([12], baseline="tensor")),
            Case("normalized", _reinforce_case([16], normalize=True)),
            Case("not_normalized", _reinforce_case([16], normalize=False)),
            # subtract, then normalise: normalising the returns first, then subtracting, differs
            Case("tensor_baseline_normalized", _reinforce_case([16], baseline="tensor", normalize=True)),
            # a constant baseline changes nothing once normalised
            Case("float_baseline_normalized", _reinforce_case([9], baseline="float", normalize=True)),
            # std 0: the advantages are 0 / eps = 0, not NaN
            Case("constant_returns_normalized", _reinforce_case([7], returns="constant", normalize=True)),
            # two values: the unbiased std divides by 1, the biased one by 2
            Case("two_steps_normalized", _reinforce_case([2], normalize=True)),
            Case("one_step", _reinforce_case([1], baseline="float")),
            Case("one_step_normalized", _reinforce_case([1], normalize=True)),
            Case("batched", _reinforce_case([20, 4], baseline="tensor", normalize=True)),
            Case("float64", _reinforce_case([25], dtype="float64", baseline="tensor", normalize=True)),
        ),
        random_case=_random_reinforce,
        n_random=5,
        shrink={},
        rtol=1e-5,
        atol=1e-5,
        # no timing: a mean and a standard deviation
        mistakes=(
            Mistake("advantages_std_without_eps", answer_key("rl", "reinforce_loss_no_eps")),
            Mistake("advantages_population_std", answer_key("rl", "reinforce_loss_population_std")),
            Mistake("baseline_after_normalizing", answer_key("rl", "reinforce_loss_baseline_after_normalizing")),
        ),
    ),
]
