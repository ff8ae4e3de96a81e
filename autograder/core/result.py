"""The result object: one per submission, the source of every report and export."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from autograder.core.messages import say
from autograder.core.status import Status

SCHEMA_VERSION = 1


@dataclass
class CaseFailure:
    case: str
    params: dict[str, Any]
    message: str
    traceback: str = ""
    rebuild: str = ""  # the line that reruns the case in the student's interpreter (autograder.core.rebuild)
    values: str = ""  # its inputs, expected and returned values, where small (autograder.core.values)

    def line(self) -> str:
        line = say("case_line", case=self.case, params=format_params(self.params), message=self.message)
        line += "\n" + self.values if self.values else ""
        return line + ("\n" + say("rebuild", call=self.rebuild) if self.rebuild else "")


@dataclass
class Diagnosis:
    """A classic mistake named (autograder.core.diagnosis): its id and the hint the student reads."""

    mistake: str
    hint: str


@dataclass
class ExerciseResult:
    id: str
    module: str
    score: float
    max_score: float
    status: Status
    feedback: str
    cases_passed: int = 0
    cases_total: int = 0
    failures: list[CaseFailure] = field(default_factory=list)
    smallest_failing_case: CaseFailure | None = None
    timing: dict[str, Any] | None = None
    seconds: float | None = None  # what grading it took, wall clock (its timing verdict and shrinking included)
    diagnosis: Diagnosis | None = None  # the classic mistake a failed exercise's outputs match, if one does

    def __post_init__(self) -> None:
        self.status = Status(self.status)  # a ValueError names an unknown status


SECRET = "secret"


@dataclass
class SubmissionResult:
    submission: str
    seed: int | str  # SECRET in final grading: the seed itself stays in the gradebook
    device: str
    exercises: list[ExerciseResult]
    kit_version: str
    isolation: str
    # how the workers' bounds were held: "own namespaces, cgroup v1", "shared namespaces, counted"... (SECURITY.md)
    bounds: str = ""
    schema: int = SCHEMA_VERSION

    @property
    def score(self) -> float:
        return round(sum(e.score for e in self.exercises), 2)

    @property
    def max_score(self) -> float:
        return round(sum(e.max_score for e in self.exercises), 2)

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        return {"score": self.score, "max_score": self.max_score, **data}

    def write_json(self, path: str | Path) -> None:
        Path(path).write_text(json.dumps(self.to_dict(), indent=2) + "\n", encoding="utf-8")

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> SubmissionResult:
        """The result that :meth:`to_dict` wrote (as the gradebook stores it); ``score`` and ``max_score``
        are recomputed from the exercises."""
        exercises = [_exercise_from_dict(e) for e in data["exercises"]]
        return cls(submission=data["submission"], seed=data["seed"], device=data["device"], exercises=exercises,
                   kit_version=data["kit_version"], isolation=data["isolation"], bounds=data.get("bounds", ""),
                   schema=data.get("schema", SCHEMA_VERSION))


def _exercise_from_dict(data: dict[str, Any]) -> ExerciseResult:
    fields = dict(data)
    fields["failures"] = [CaseFailure(**f) for f in data.get("failures", [])]
    smallest = data.get("smallest_failing_case")
    fields["smallest_failing_case"] = CaseFailure(**smallest) if smallest else None
    fields["diagnosis"] = Diagnosis(**data["diagnosis"]) if data.get("diagnosis") else None
    return ExerciseResult(**fields)


def format_params(params: dict[str, Any]) -> str:
    return ", ".join(f"{k}={v}" for k, v in params.items())
