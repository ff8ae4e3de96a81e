"""The timing verdict, with synthetic runners whose times are known (no real clock involved)."""

from __future__ import annotations

import torch

from autograder.core import timing
from autograder.core.compare import compare
from autograder.core.spec import Exercise, Timing


def _exercise(budget: float = 10.0) -> Exercise:
    return Exercise(id="double", module="m", summary="", points=10, reference=lambda x: 2 * x,
                    make_inputs=lambda p, g: {"x": torch.randn(p["n"], generator=g)}, edge_cases=(),
                    timing=Timing(params={"n": 8}, budget=budget))


def runner(seconds, factor: float = 2.0, calls: list | None = None):
    """A fake worker: returns ``factor * x`` for each call and claims ``seconds(i)`` for its i-th batch."""
    count = iter(range(1000))

    def run(batch, limit):
        i = next(count)
        if calls is not None:
            calls.append(limit)
        took = seconds(i)
        if limit is not None and took > limit:
            return timing.Batch(limit, killed=True)
        return timing.Batch(took, outputs=[factor * kw["x"] for kw in batch])

    return run


def judge(student, reference, budget: float = 10.0):
    return timing.judge(_exercise(budget), 0, student, reference, compare)


def test_fast_enough_passes_with_median_ratio() -> None:
    verdict = judge(runner(lambda i: 0.3), runner(lambda i: 0.1))
    assert verdict.status == "passed"
    assert abs(verdict.ratio - 3.0) < 1e-9


def test_over_budget_is_too_slow() -> None:
    verdict = judge(runner(lambda i: 1.5), runner(lambda i: 0.1))
    assert verdict.status == "too_slow" and abs(verdict.ratio - 15.0) < 1e-9


def test_under_the_floor_is_never_judged() -> None:
    verdict = judge(runner(lambda i: 0.04), runner(lambda i: 0.0001))
    assert verdict.status == "passed" and verdict.ratio > 10


def test_pairwise_ratio_survives_a_machine_that_slows_down() -> None:
    # the machine gets 10x slower half-way; a ratio of totals would be misled, pairs are not
    student = runner(lambda i: 0.2 * (10 if i >= 3 else 1))
    reference = runner(lambda i: 0.1 * (10 if i >= 3 else 1))
    verdict = judge(student, reference)
    assert verdict.status == "passed" and abs(verdict.ratio - 2.0) < 1e-9


def test_one_noisy_pair_does_not_decide() -> None:
    verdict = judge(runner(lambda i: 5.0 if i == 2 else 0.2), runner(lambda i: 0.1))
    assert verdict.status == "passed" and abs(verdict.ratio - 2.0) < 1e-9


def test_grossly_slow_batch_is_killed_at_a_limit_scaled_by_the_reference() -> None:
    limits: list = []
    verdict = judge(runner(lambda i: 1000.0, calls=limits), runner(lambda i: 0.01))
    assert verdict.status == "killed"
    assert limits[0] == max(1.0, 0.01 * 10 * timing.KILL_FACTOR)


def test_the_first_batch_is_limited_by_the_warm_up_before_any_reference_batch_is_timed() -> None:
    # round 1 times the student first: its limit is the warm-up call's time for each of the batch's three
    # calls, not a fixed scale (which let a grossly slow batch run 10 s where this one stops at 6)
    limits: list = []
    verdict = judge(runner(lambda i: 0.01 if i == 0 else 1000.0, calls=limits), runner(lambda i: 0.01))
    assert verdict.status == "killed"
    assert limits[1] == max(1.0, 0.01 * 3 * 10 * timing.KILL_FACTOR)


def test_wrong_timed_output_is_caught() -> None:
    verdict = judge(runner(lambda i: 0.1, factor=3.0), runner(lambda i: 0.1))
    assert verdict.status == "wrong_output"


def test_every_call_of_every_round_gets_fresh_inputs() -> None:
    seen = []

    def reference(batch, limit):
        seen.extend(kw["x"] for kw in batch)
        return timing.Batch(0.1, outputs=[2 * kw["x"] for kw in batch])

    judge(runner(lambda i: 0.9), reference)  # near the budget: every round is measured
    assert len(seen) == 1 + timing.ROUNDS * 3  # the warm-up is one call, each measured batch three
    assert all(not torch.equal(a, b) for i, a in enumerate(seen) for b in seen[i + 1:])


def test_far_over_budget_is_decided_after_two_pairs() -> None:
    calls: list = []
    verdict = judge(runner(lambda i: 4.0, calls=calls), runner(lambda i: 0.1))
    assert verdict.status == "too_slow" and abs(verdict.ratio - 40.0) < 1e-9
    assert len(calls) == 1 + timing.EARLY_PAIRS  # the warm-up and two measured batches, not five


def test_just_over_budget_still_takes_every_pair() -> None:
    calls: list = []
    verdict = judge(runner(lambda i: 1.5, calls=calls), runner(lambda i: 0.1))
    assert verdict.status == "too_slow"
    assert len(calls) == 1 + timing.ROUNDS


def test_far_under_budget_is_decided_after_two_pairs() -> None:
    calls: list = []
    verdict = judge(runner(lambda i: 0.2, calls=calls), runner(lambda i: 0.1))
    assert verdict.status == "passed" and abs(verdict.ratio - 2.0) < 1e-9
    assert len(calls) == 1 + timing.EARLY_PAIRS


def test_far_under_the_floor_is_decided_after_two_pairs() -> None:
    # a ratio of 100 that the floor keeps from being judged: more pairs cannot lift the batches over the floor
    calls: list = []
    verdict = judge(runner(lambda i: 0.01, calls=calls), runner(lambda i: 0.0001))
    assert verdict.status == "passed" and len(calls) == 1 + timing.EARLY_PAIRS


def test_just_under_budget_takes_every_pair() -> None:
    calls: list = []
    verdict = judge(runner(lambda i: 0.8, calls=calls), runner(lambda i: 0.1))
    assert verdict.status == "passed" and len(calls) == 1 + timing.ROUNDS


def test_a_slow_pair_after_a_fast_one_is_measured_out() -> None:
    # one pair far under budget, the next over it: not decided, so the median of every pair decides
    calls: list = []
    verdict = judge(runner(lambda i: 0.2 if i == 1 else 1.5, calls=calls), runner(lambda i: 0.1))
    assert verdict.status == "too_slow" and len(calls) == 1 + timing.ROUNDS


def test_a_forbidden_call_while_timed_is_forbidden_not_an_error() -> None:
    from autograder.core.status import Reply, Timed
    from autograder.sandbox.protocol import CallReply

    def refused(batch, limit):
        return timing.Batch(0.01, problem=CallReply(Reply.FORBIDDEN, operators=["aten::gru_cell"]))

    def crashed(batch, limit):
        return timing.Batch(0.01, problem=CallReply(Reply.CRASHED, detail="the worker was killed by signal SIGKILL"))

    assert judge(refused, runner(lambda i: 0.1)).status is Timed.FORBIDDEN
    assert judge(crashed, runner(lambda i: 0.1)).status is Timed.ERROR
