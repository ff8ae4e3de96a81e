"""Classic mistakes named on the fixtures of ``tests/variants/``: most wrong fixtures get a diagnosis, and
every mistake a spec lists explains at least one wrong fixture (so none is dead weight). A correct fixture is
never diagnosed since it fails no case (tests/specs/test_variants.py). The fixtures run in this process
(``tests/support/fixtures.py``); test_variants.py also grades some for real, through the worker, where the
grader must name the same mistake."""

from __future__ import annotations

import functools
from pathlib import Path

from support.fixtures import failing_outputs, fixtures

from autograder.core.diagnosis import diagnose
from autograder.core.result import Diagnosis
from autograder.specs import all_exercises, get

SHARE = 0.70  # of the wrong fixtures diagnosed; the README gives the share measured


def _diagnosable(path: Path) -> bool:
    return get(path.parent.name).score is None


@functools.cache
def diagnoses() -> dict[Path, Diagnosis | None]:
    return {path: diagnose(get(path.parent.name), failing_outputs(path), "cpu")
            for path in fixtures("wrong") if _diagnosable(path)}


def test_most_wrong_fixtures_are_named_as_a_classic_mistake() -> None:
    found = diagnoses()
    named = [path for path, diagnosis in found.items() if diagnosis is not None]
    missed = "\n".join(f"  {p.parent.name}/{p.name}" for p, d in found.items() if d is None)
    assert len(named) / len(found) >= SHARE, f"{len(named)} of {len(found)} diagnosed; not:\n{missed}"


def test_every_mistake_names_some_wrong_fixture() -> None:
    used = {(path.parent.name, d.mistake) for path, d in diagnoses().items() if d is not None}
    listed = {(ex.id, m.id) for ex in all_exercises() for m in ex.mistakes}
    assert listed - used == set()


def test_every_compared_exercise_lists_a_mistake() -> None:
    assert [ex.id for ex in all_exercises() if ex.score is None and not ex.mistakes] == []
