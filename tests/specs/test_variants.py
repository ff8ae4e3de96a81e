"""Every fixture under tests/variants/<exercise>/, judged: correct_* get full marks, wrong_* are caught with
feedback naming a case, forbidden_* get no points with the operator named, slow_* are correct but too slow
and lose the timing share of the points.

Graded for real, through the worker (``GRADED``): what only the worker can judge, every forbidden_ fixture
(the dispatcher watch) and every slow_ one (the clock); the scored exercises' fixtures (their score is a
training run in the worker); and, so that every exercise goes through the whole flow both ways, one
correct_ and one wrong_ fixture of each. Every other correct_ and wrong_ fixture is ours, not a student's, so
it runs in this process (``tests/support/fixtures.py``) against the same cases and the same comparison:
each is a check of the specification (do its cases catch this mistake, accept this way of writing it), which
a worker would judge the same way at ten times the cost.

Timing verdicts are costly and decide nothing for most fixtures: the grader times an answer only once every
case is right (``Grader.grade_exercise``; tests/core/test_verdict.py pins it), so a wrong_ or forbidden_
fixture gets the same verdict without them. The timed fixtures are every slow_ one and one correct_ fixture
per timed exercise, the last by name (the key's own answer is timed too, in tests/core/test_grading.py).
Every other fixture is graded with timing off.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from support.fixtures import failing_outputs, fixtures
from support.fixtures import kind as _kind

from autograder.core.diagnosis import diagnose
from autograder.core.grader import Grader
from autograder.specs import all_exercises, get

VARIANTS = fixtures()


def _timed() -> set[Path]:
    timed = {path for path in VARIANTS if _kind(path) == "slow"}
    for exercise in all_exercises():
        correct = [p for p in VARIANTS if p.parent.name == exercise.id and _kind(p) == "correct"]
        if exercise.timing is not None and correct:
            timed.add(correct[-1])
    return timed


TIMED = _timed()


def _graded() -> set[Path]:
    graded = {path for path in VARIANTS if _kind(path) in ("forbidden", "slow") or get(path.parent.name).score}
    for exercise in all_exercises():
        for kind in ("correct", "wrong"):
            mine = [p for p in VARIANTS if p.parent.name == exercise.id and _kind(p) == kind]
            timed = [p for p in mine if p in TIMED]
            graded.update((timed or mine)[:1])
    return graded


GRADED = _graded()
IN_PROCESS = [p for p in VARIANTS if p not in GRADED]


@pytest.fixture(scope="module")
def untimed_grader():
    with Grader(seed=0, device="cpu", timing_enabled=False) as g:
        yield g


def _grade(grader, path: Path, tmp_path: Path):
    exercise = get(path.parent.name)
    shutil.copy(path, tmp_path / f"{exercise.module}.py")
    result = grader.grade(tmp_path, only=[exercise.id])
    (verdict,) = result.exercises
    return exercise, verdict


@pytest.mark.grading
@pytest.mark.parametrize("path", [pytest.param(p, marks=pytest.mark.slow) if p in TIMED else p
                                  for p in sorted(GRADED)], ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_variant(path: Path, tmp_path: Path, request) -> None:
    timed = path in TIMED
    exercise, verdict = _grade(request.getfixturevalue("grader" if timed else "untimed_grader"), path, tmp_path)
    kind = _kind(path)
    explain = (f"{path.parent.name}/{path.name}: {verdict.status} {verdict.score}/{verdict.max_score}\n"
               f"{verdict.feedback}")
    if kind == "correct":
        assert verdict.diagnosis is None, explain
        assert verdict.status == "passed", explain
        assert verdict.score == exercise.points, explain
        assert (verdict.timing is not None) == timed, explain  # timed within its budget, where it is timed
    elif kind == "wrong":
        assert verdict.status in ("failed", "error"), explain
        assert verdict.score < exercise.points, explain
        assert verdict.failures, explain
        assert 'case "' in verdict.feedback, explain
        assert verdict.smallest_failing_case is not None, explain
        # the grader names the same classic mistake as the fixture run in this process (tests/specs/test_diagnosis.py)
        if exercise.score is None:
            assert verdict.diagnosis == diagnose(exercise, failing_outputs(path), "cpu"), explain
    elif kind == "forbidden":
        assert verdict.status == "forbidden", explain
        assert verdict.score == 0, explain
        assert "calls " in verdict.feedback, explain
    elif kind == "slow":
        assert exercise.timing is not None
        assert verdict.status == "too_slow", explain
        assert verdict.score == pytest.approx(exercise.points * (1 - exercise.timing.share)), explain
    else:
        pytest.fail(f"fixture {path.name} must start with correct_, wrong_, forbidden_ or slow_")


@pytest.mark.parametrize("path", IN_PROCESS, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_variant_in_process(path: Path) -> None:
    failing = failing_outputs(path)
    if _kind(path) == "correct":
        assert failing == [], f"{path.parent.name}/{path.name} fails {len(failing)} case(s)"
    else:
        assert _kind(path) == "wrong", path
        assert failing, f"{path.parent.name}/{path.name} passes every case: the specification misses its mistake"


def test_every_exercise_goes_through_the_worker_both_ways() -> None:
    for exercise in all_exercises():
        kinds = {_kind(p) for p in GRADED if p.parent.name == exercise.id}
        assert {"correct", "wrong"} <= kinds, exercise.id
    assert {p for p in VARIANTS if _kind(p) in ("forbidden", "slow")} <= GRADED
    assert TIMED <= GRADED


def test_every_exercise_has_fixtures() -> None:
    from autograder.specs import all_exercises

    for exercise in all_exercises():
        kinds = {p.stem.split("_")[0] for p in VARIANTS if p.parent.name == exercise.id}
        assert {"correct", "wrong"} <= kinds, f"{exercise.id} needs correct_ and wrong_ fixtures"
        if exercise.forbidden:
            assert "forbidden" in kinds, f"{exercise.id} forbids operators but no fixture calls one"


def test_one_correct_fixture_of_each_timed_exercise_and_every_slow_one_is_timed() -> None:
    by_exercise: dict[str, list[Path]] = {}
    for path in TIMED:
        by_exercise.setdefault(path.parent.name, []).append(path)
    for exercise in all_exercises():
        timed = by_exercise.get(exercise.id, [])
        slow = [p for p in VARIANTS if p.parent.name == exercise.id and _kind(p) == "slow"]
        correct = sorted(p for p in VARIANTS if p.parent.name == exercise.id and _kind(p) == "correct")
        assert sorted(p for p in timed if _kind(p) == "slow") == slow, exercise.id
        timed_correct = [p for p in timed if _kind(p) == "correct"]
        if exercise.timing is None:
            assert timed_correct == [], exercise.id
        else:
            # the last by name
            assert timed_correct == correct[-1:], exercise.id

