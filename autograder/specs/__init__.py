"""Every exercise specification, found by looking at the modules of this package.

Adding an exercise means adding (or extending) a module here with a list ``EXERCISES``; the engine needs
no change. ``ORDER`` in each module places its topic in the course.
"""

from __future__ import annotations

import importlib
import pkgutil
from functools import cache

from autograder.core.spec import Exercise


@cache
def all_exercises() -> tuple[Exercise, ...]:
    modules = [importlib.import_module(f"{__name__}.{info.name}") for info in pkgutil.iter_modules(__path__)]
    modules.sort(key=lambda m: (getattr(m, "ORDER", 100), m.__name__))
    exercises = tuple(ex for m in modules for ex in m.EXERCISES)
    ids = [ex.id for ex in exercises]
    if len(ids) != len(set(ids)):
        raise RuntimeError(f"duplicate exercise ids in autograder.specs: {ids}")
    return exercises


def get(exercise_id: str) -> Exercise:
    for ex in all_exercises():
        if ex.id == exercise_id:
            return ex
    known = ", ".join(ex.id for ex in all_exercises())
    raise KeyError(f"no exercise named {exercise_id!r}; known: {known}")
