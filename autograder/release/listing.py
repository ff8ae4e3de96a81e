"""``autograder/listing.py``: the exercises as the command line lists them, written from the specifications.

Why: ``autograder list``, the argument checks of ``autograder check`` and the notebook's ``check()`` need the
exercises' ids, modules, functions, points and summaries, and reading them from ``autograder.specs`` means
importing PyTorch (seconds) to print a table. This writes them once into a plain module of literals, which
the package ships (a student release copies every ``.py`` of the package); the drift test
(``tests/release/test_listing.py``) and ``make generate`` keep it equal to the specifications.

``needs`` is what a notebook's ``check()`` must define for the exercise: its function, or, for an exercise
graded through a probe (a driver that calls several of the module's functions), every function of the
module's stub.
"""

from __future__ import annotations

import ast
import pprint
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from autograder.core import syntax

if TYPE_CHECKING:
    from autograder.core.spec import Exercise

ROOT = Path(__file__).resolve().parents[2]
LISTING = ROOT / "autograder" / "listing.py"
STUBS = ROOT / "exercises"
_HEAD = '''"""The exercises as ``autograder list`` shows them, without importing PyTorch.

Generated from ``autograder/specs`` by ``make generate`` (:mod:`autograder.release.listing`): edit the
specifications, not this file; ``tests/release/test_listing.py`` fails when the two differ.
"""

from __future__ import annotations

from typing import Any

EXERCISES: tuple[dict[str, Any], ...] = '''
_TAIL = '''

def get(exercise_id: str) -> dict[str, Any]:
    """One exercise's entry; ``KeyError`` names the known ones."""
    for entry in EXERCISES:
        if entry["id"] == exercise_id:
            return entry
    known = ", ".join(entry["id"] for entry in EXERCISES)
    raise KeyError(f"no exercise named {exercise_id!r}; known: {known}")
'''


def stub_functions(module: str, stubs: Path = STUBS) -> list[str]:
    """The top-level functions of the handed-out module ``exercises/<module>.py``, in order."""
    path = stubs / f"{module}.py"
    if not path.exists():
        return []
    tree = syntax.parse(path.read_text(encoding="utf-8"))
    return [node.name for node in tree.body if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef))]


def entries(exercises: Sequence[Exercise], stubs: Path = STUBS) -> tuple[dict, ...]:
    found = []
    for ex in exercises:
        needs = [ex.function]
        if ex.probe:
            needs += [name for name in stub_functions(ex.module, stubs) if name not in needs]
        found.append({"id": ex.id, "module": ex.module, "function": ex.function, "points": ex.points,
                      "timed": None if ex.timing is None else ex.timing.budget, "summary": ex.summary,
                      "needs": tuple(needs)})
    return tuple(found)


def render(exercises: Sequence[Exercise], stubs: Path = STUBS) -> str:
    return _HEAD + pprint.pformat(entries(exercises, stubs), width=118, sort_dicts=False) + "\n" + _TAIL


def current() -> str:
    from autograder.specs import all_exercises

    return render(all_exercises())


def update(path: Path = LISTING, check: bool = False) -> bool:
    """Rewrite ``path`` from the specifications (with ``check``, only compare); True when it was stale."""
    wanted = current()
    if path.exists() and path.read_text(encoding="utf-8") == wanted:
        return False
    if not check:
        path.write_text(wanted, encoding="utf-8")
    return True
