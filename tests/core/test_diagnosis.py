"""Naming a classic mistake (autograder.core.diagnosis), on synthetic exercises: no worker involved."""

from __future__ import annotations

import pytest
import torch

from autograder.core.diagnosis import diagnose
from autograder.core.messages import MESSAGES
from autograder.core.reference import Raised
from autograder.core.result import Diagnosis, ExerciseResult, SubmissionResult
from autograder.core.spec import Exercise, Mistake


@pytest.fixture(autouse=True)
def _hints(monkeypatch) -> None:
    monkeypatch.setitem(MESSAGES, "mistake:doubled", "doubled instead of tripled")
    monkeypatch.setitem(MESSAGES, "mistake:negated", "the sign is wrong")
    monkeypatch.setitem(MESSAGES, "mistake:raises", "raises on empty input")


def _raise_on_empty(x):
    if x.numel() == 0:
        raise IndexError("empty")
    return 3 * x


def _exercise(*mistakes: Mistake) -> Exercise:
    return Exercise(id="triple", module="m", summary="", points=1, reference=lambda x: 3 * x,
                    make_inputs=lambda p, g: {"x": torch.randn(p["n"], generator=g)}, edge_cases=(),
                    mistakes=mistakes)


MISTAKES = (Mistake("negated", lambda x: -3 * x), Mistake("doubled", lambda x: 2 * x),
            Mistake("raises", _raise_on_empty))
X = torch.arange(1.0, 5.0)


def test_the_mistake_that_reproduces_every_failing_case_is_named() -> None:
    found = diagnose(_exercise(*MISTAKES), [({"x": X}, 2 * X), ({"x": X + 1}, 2 * (X + 1))], "cpu")
    assert found == Diagnosis("doubled", "doubled instead of tripled")


def test_outputs_that_match_no_mistake_on_every_case_are_not_named() -> None:
    # doubled on one case, negated on the other: neither mistake explains both
    assert diagnose(_exercise(*MISTAKES), [({"x": X}, 2 * X), ({"x": X}, -3 * X)], "cpu") is None
    assert diagnose(_exercise(*MISTAKES), [({"x": X}, X + 0.5)], "cpu") is None


def test_nothing_failed_nothing_named() -> None:
    assert diagnose(_exercise(*MISTAKES), [], "cpu") is None


def test_within_the_tolerance_only() -> None:
    close = 2 * X * (1 + 1e-7)
    found = diagnose(_exercise(*MISTAKES), [({"x": X}, close)], "cpu")
    assert found == Diagnosis("doubled", MESSAGES["mistake:doubled"])
    assert diagnose(_exercise(*MISTAKES), [({"x": X}, 2 * X + 1e-2)], "cpu") is None


def test_a_crash_is_reproduced_by_the_same_exception_only() -> None:
    empty = torch.empty(0)
    exercise = _exercise(*MISTAKES)
    assert diagnose(exercise, [({"x": empty}, Raised("IndexError"))], "cpu").mistake == "raises"
    assert diagnose(exercise, [({"x": empty}, Raised("ValueError"))], "cpu") is None
    # the mistake raises where the student returned: not this mistake
    assert diagnose(_exercise(MISTAKES[2]), [({"x": empty}, torch.ones(1))], "cpu") is None


def test_what_cannot_be_compared_is_no_mistake() -> None:
    assert diagnose(_exercise(*MISTAKES), [({"x": X}, {"not": "a tensor"})], "cpu") is None


def test_the_mistake_sees_its_own_copy_of_the_inputs() -> None:
    def in_place(x):
        return x.mul_(2)

    x = X.clone()
    diagnose(_exercise(Mistake("doubled", in_place)), [({"x": x}, 2 * X)], "cpu")
    assert torch.equal(x, X)


def test_a_mistake_needs_its_hint_in_the_catalogue_and_an_output_to_match() -> None:
    with pytest.raises(ValueError, match="mistake:unknown"):
        _exercise(Mistake("unknown", lambda x: x))
    with pytest.raises(ValueError, match="scored"):
        Exercise(id="s", module="m", summary="", points=1, reference=lambda x: x, make_inputs=lambda p, g: {},
                 edge_cases=(), probe="autograder.sandbox.probes.train_lenet", score=lambda *a: (1.0, ""),
                 mistakes=(Mistake("doubled", lambda x: x),))


def test_the_diagnosis_survives_the_result_json() -> None:
    exercise = ExerciseResult(id="triple", module="m", score=0.0, max_score=1.0, status="failed", feedback="",
                              diagnosis=Diagnosis("doubled", "doubled instead of tripled"))
    result = SubmissionResult(submission="s", seed=0, device="cpu", exercises=[exercise], kit_version="0",
                              isolation="process")
    data = result.to_dict()
    assert data["exercises"][0]["diagnosis"] == {"mistake": "doubled", "hint": "doubled instead of tripled"}
    assert SubmissionResult.from_dict(data).exercises[0].diagnosis == exercise.diagnosis
    assert ExerciseResult(**{**data["exercises"][0], "diagnosis": None}).diagnosis is None
