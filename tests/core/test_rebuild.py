"""Rebuilding a failing case in the student's interpreter: ``gru_step(**case("gru_step", "basic"))``."""

from __future__ import annotations

import pytest
import torch

from autograder import case
from autograder.core import rebuild
from autograder.core.grader import Grader
from autograder.core.result import CaseFailure
from autograder.specs import get

GRU = get("gru_step")


def _same(a: dict, b: dict) -> bool:
    return a.keys() == b.keys() and all(
        torch.equal(a[k], b[k]) if isinstance(a[k], torch.Tensor) else a[k] == b[k] for k in a)


def test_a_named_case_and_a_shrunk_one_are_rebuilt_from_the_line_the_feedback_shows() -> None:
    named = GRU.edge_cases[0]
    assert _same(case("gru_step", named.name), GRU.inputs(named.params, 0))
    random_3 = {c.name: c for c in GRU.cases(0)}["random_3"]
    shrunk = {**random_3.params, "H": 1, "B": 1}
    line = rebuild.call(GRU, "random_3 (shrunk)", shrunk, 0)
    assert line.startswith("gru_step(**case('gru_step', 'random_3', ") and "H=1" in line and "seed" not in line
    rebuilt = eval(line.removeprefix("gru_step(**").removesuffix(")"), {"case": case})  # what the student runs
    assert _same(rebuilt, GRU.inputs(shrunk, 0))
    on_five = rebuild.call(GRU, named.name, dict(named.params), 5)
    assert on_five == f"gru_step(**case('gru_step', '{named.name}', seed=5))"


def test_what_cannot_be_rerun_says_so() -> None:
    with pytest.raises(KeyError, match="gru_step has no case 'nope'; its cases: "):
        case("gru_step", "nope")
    lenet = get("build_lenet")
    with pytest.raises(ValueError, match="probe"):
        case("build_lenet", lenet.edge_cases[0].name)
    assert rebuild.call(lenet, lenet.edge_cases[0].name, dict(lenet.edge_cases[0].params), 0) == ""
    assert rebuild.call(GRU, "import", {}, 0) == ""


def test_final_grading_on_the_secret_seed_offers_no_line_to_rerun() -> None:
    named = GRU.edge_cases[0]
    for secret, expected in ((False, f"gru_step(**case('gru_step', '{named.name}'))"), (True, "")):
        grader = Grader(seed=0, device="cpu", exercises=[GRU], timing_enabled=False, secret=secret)
        (failure,) = grader._rerunnable(GRU, [CaseFailure(named.name, dict(named.params), "wrong")])
        assert failure.rebuild == expected
        assert ("rerun it: from autograder import case; " in failure.line()) is not secret


def test_small_values_are_written_out_except_on_the_secret_seed() -> None:
    from autograder.core.status import Reply
    from autograder.sandbox.protocol import CallReply

    relu = get("relu")
    inputs = {"x": torch.tensor([-1.0, 2.0])}
    run = CallReply(Reply.RETURNED, value=torch.tensor([-1.0, 2.0]))
    for secret in (False, True):
        grader = Grader(seed=0, device="cpu", exercises=[relu], timing_enabled=False, secret=secret)
        failure = grader.failure("basic", {}, "wrong", inputs, torch.tensor([0.0, 2.0]), run)
        shown = "    inputs: x=tensor([-1., 2.])\n    expected: tensor([0., 2.])\n    got: tensor([-1., 2.])"
        assert failure.values == ("" if secret else shown)
        assert (shown in failure.line()) is not secret
