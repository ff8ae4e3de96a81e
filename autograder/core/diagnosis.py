"""Naming a classic mistake: a failed exercise's outputs compared with its spec's known wrong answers.

Each :class:`autograder.core.spec.Mistake` is a trusted function that makes one mistake (a swapped gate, the
unbiased variance, softmax over the wrong axis). Where the student's outputs on every failing case match one
mistake's outputs, within the exercise's tolerances (or raise the same exception where the reference
returns), the result names it and gives its hint. A correct answer is never diagnosed: only failed
exercises are.
"""

from __future__ import annotations

from typing import Any

from autograder.core.compare import compare
from autograder.core.messages import say
from autograder.core.reference import Raised, Unrecorded, mistaken
from autograder.core.result import Diagnosis
from autograder.core.spec import Exercise, Mistake

MAX_CASES = 4  # failing cases a mistake must reproduce: enough to tell mistakes apart, cheap to compute


def diagnose(ex: Exercise, wrong: list[tuple[dict, Any]], device: str) -> Diagnosis | None:
    """The first mistake of ``ex`` that reproduces every ``(inputs, output)`` of ``wrong`` (failing cases:
    what the student returned, or :class:`Raised` where the student raised and the reference did not), or
    ``None``."""
    if not wrong:
        return None
    for mistake in ex.mistakes:
        if all(_reproduces(ex, mistake, inputs, got, device) for inputs, got in wrong[:MAX_CASES]):
            return Diagnosis(mistake.id, say(f"mistake:{mistake.id}"))
    return None


def _reproduces(ex: Exercise, mistake: Mistake, inputs: dict, got: Any, device: str) -> bool:
    answer = mistaken(ex, mistake, inputs, device)
    if isinstance(got, Raised) or isinstance(answer, Raised):  # a crash is reproduced by the same exception
        return isinstance(got, Raised) and isinstance(answer, Raised) and got.type_name == answer.type_name
    if isinstance(answer, Unrecorded):
        return False
    try:
        return compare(answer, got, ex.rtol, ex.atol) is None
    except Exception:  # what the worker sent cannot even be compared: it is no known mistake
        return False
