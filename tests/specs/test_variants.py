"""Every fixture under tests/variants/<exercise>/ graded for real, through the worker.

correct_*: full marks. wrong_*: caught, with feedback naming a case. forbidden_*: no points, the operator
named. slow_*: correct but too slow, losing the timing share of the points.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from autograder.specs import get

VARIANTS = sorted((Path(__file__).resolve().parents[1] / "variants").glob("*/*.py"))


def _grade(grader, path: Path, tmp_path: Path):
    exercise = get(path.parent.name)
    shutil.copy(path, tmp_path / f"{exercise.module}.py")
    result = grader.grade(tmp_path, only=[exercise.id])
    (verdict,) = result.exercises
    return exercise, verdict


@pytest.mark.parametrize("path", VARIANTS, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_variant(grader, path: Path, tmp_path: Path) -> None:
    exercise, verdict = _grade(grader, path, tmp_path)
    kind = path.stem.split("_")[0]
    explain = (f"{path.parent.name}/{path.name}: {verdict.status} {verdict.score}/{verdict.max_score}\n"
               f"{verdict.feedback}")
    if kind == "correct":
        assert verdict.status == "passed", explain
        assert verdict.score == exercise.points, explain
    elif kind == "wrong":
        assert verdict.status in ("failed", "error"), explain
        assert verdict.score < exercise.points, explain
        assert verdict.failures, explain
        assert 'case "' in verdict.feedback, explain
        assert verdict.smallest_failing_case is not None, explain
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
