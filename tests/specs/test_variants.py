"""Every fixture under tests/variants/<exercise>/ graded for real, through the worker.

correct_*: full marks. wrong_*: caught, with feedback naming a case. forbidden_*: no points, the operator
named. slow_*: correct but too slow, losing the timing share of the points.

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
from support.fixtures import failing_outputs

from autograder.core.diagnosis import diagnose
from autograder.core.grader import Grader
from autograder.specs import all_exercises, get

VARIANTS = sorted((Path(__file__).resolve().parents[1] / "variants").glob("*/*.py"))


def _kind(path: Path) -> str:
    return path.stem.split("_")[0]


def _timed() -> set[Path]:
    timed = {path for path in VARIANTS if _kind(path) == "slow"}
    for exercise in all_exercises():
        correct = [p for p in VARIANTS if p.parent.name == exercise.id and _kind(p) == "correct"]
        if exercise.timing is not None and correct:
            timed.add(correct[-1])
    return timed


TIMED = _timed()


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
@pytest.mark.parametrize("path", [pytest.param(p, marks=pytest.mark.slow) if p in TIMED else p for p in VARIANTS],
                         ids=lambda p: f"{p.parent.name}/{p.stem}")
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

