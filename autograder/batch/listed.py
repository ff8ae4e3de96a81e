"""An exercise as the exports read it (its id, module, function, points and timing budget), from the listing
generated from the specifications (:mod:`autograder.listing`).

The process that writes a class's exports reads them here, not from the specifications, which import PyTorch:
three seconds of CPU that would compete with the grading processes' own start, for five fields.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from typing import Protocol


class Timed(Protocol):
    @property
    def budget(self) -> float: ...


class Described(Protocol):
    """What the exports need of an exercise: a specification's :class:`~autograder.core.spec.Exercise`, or
    its :class:`Listed` entry."""

    @property
    def id(self) -> str: ...
    @property
    def module(self) -> str: ...
    @property
    def function(self) -> str: ...
    @property
    def points(self) -> float: ...
    @property
    def timing(self) -> Timed | None: ...


@dataclass(frozen=True)
class Budget:
    budget: float


@dataclass(frozen=True)
class Listed:
    id: str
    module: str
    function: str
    points: float
    timing: Budget | None


def listed(only: Collection[str] | None = None) -> list[Listed]:
    """The exercises (those of ``only`` where given), in the course's order."""
    from autograder.listing import EXERCISES

    return [Listed(entry["id"], entry["module"], entry["function"], entry["points"],
                   None if entry["timed"] is None else Budget(entry["timed"]))
            for entry in EXERCISES if only is None or entry["id"] in only]
