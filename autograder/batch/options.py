"""How a class is graded: the options of a run, and the fingerprint of the engine that grades it.

Together they make the gradebook's configuration key: a grade is reused only by a run with the same
options and the very same engine.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from autograder import __version__
from autograder.core.messages import say
from autograder.datasets import DATASETS

PACKAGE = Path(__file__).resolve().parents[1]  # the autograder package


def kit_fingerprint(package: Path = PACKAGE, data: Path = DATASETS) -> str:
    """A hash of everything that decides grades: every module of the engine in ``package``, specifications
    included, the reference answers a student release records in ``recorded/``, and the data sets in
    ``data`` (held-out images score the training exercises)."""
    digest = hashlib.sha256()
    for root, path in [*((package, p) for p in _engine_files(package)), *((data, p) for p in _data_files(data))]:
        data_bytes = path.read_bytes()
        name = f"{root.name}/{path.relative_to(root).as_posix()}"
        digest.update(f"{name}\0{len(data_bytes)}\0".encode())
        digest.update(data_bytes)
    return digest.hexdigest()[:16]


def _engine_files(package: Path) -> list[Path]:
    """The ``.py`` files under ``package`` and the files of ``package/recorded/``, ``__pycache__`` left out,
    sorted by their path in the package."""
    files = set(package.rglob("*.py"))
    if (package / "recorded").is_dir():
        files.update(path for path in (package / "recorded").rglob("*") if path.is_file())
    return sorted((path for path in files if "__pycache__" not in path.relative_to(package).parts),
                  key=lambda path: path.relative_to(package).as_posix())


def _data_files(data: Path) -> list[Path]:
    return sorted((p for p in data.rglob("*") if p.is_file()), key=lambda p: p.relative_to(data).as_posix()) \
        if data.is_dir() else []


@dataclass(frozen=True)
class Options:
    """How every submission of a run is graded; the same options give the same grades."""

    # None: final grading's secret seed, which grade_all takes from the gradebook (and sets ``secret``)
    seed: int | None = None
    secret: bool = False
    device: str = "auto"
    only: tuple[str, ...] | None = None
    timing: bool = True
    # shorter per-call time limits for some exercises (exercise id, seconds): cheap tests of hostile code
    time_limits: tuple[tuple[str, float], ...] = ()
    # the engine that grades, taken when the options are made (see kit_fingerprint)
    fingerprint: str = field(default_factory=kit_fingerprint)

    def __post_init__(self) -> None:  # lists, as JSON gives them back, become tuples
        if self.only is not None:
            object.__setattr__(self, "only", tuple(self.only))
        object.__setattr__(self, "time_limits", tuple((str(k), float(v)) for k, v in self.time_limits))

    def exercises(self) -> list:
        """The exercises graded, in the course's order; ``KeyError`` names unknown ones."""
        from autograder.specs import all_exercises

        known = list(all_exercises())
        if self.only is not None:
            self._refuse_unknown({ex.id for ex in known})
            known = [ex for ex in known if ex.id in self.only]
        limits = dict(self.time_limits)
        return [replace(ex, time_limit=min(ex.time_limit, limits[ex.id])) if ex.id in limits else ex for ex in known]

    def check_exercises(self) -> None:
        """``KeyError`` naming the unknown ``only`` ids, as :meth:`exercises` would, from the generated listing:
        no PyTorch import (the specifications import it), so that grade-all starts its grading processes first."""
        from autograder.listing import EXERCISES

        if self.only is not None:
            self._refuse_unknown({entry["id"] for entry in EXERCISES})

    def _refuse_unknown(self, known: set[str]) -> None:
        unknown = sorted(set(self.only or ()) - known)
        if unknown:
            raise KeyError(say("unknown_exercises", names=", ".join(unknown)))

    def grading_seed(self) -> int:
        """The seed the cases are drawn from (the secret one once grade_all took it from the gradebook)."""
        if self.seed is None:
            raise ValueError("the secret seed is taken from the gradebook before anything is graded")
        return self.seed

    def config(self) -> dict[str, Any]:
        """What the gradebook records of a run; ``key`` decides whether an earlier grade can be reused.

        The engine's fingerprint is part of the key: a grade recorded by another engine (an edited
        specification, grader or recorded answer) is never reused."""
        exercises = sorted(self.only) if self.only is not None else None
        seed: int | str = self.grading_seed()
        if self.secret:  # a digest stands for it: the runs table is shown, the secret itself never
            seed = "secret:" + hashlib.sha256(str(self.seed).encode()).hexdigest()[:16]
        key_fields = dict(seed=seed, device=self.device, exercises=exercises, timing=self.timing,
                          time_limits=sorted(self.time_limits), kit_version=__version__,
                          kit_fingerprint=self.fingerprint)
        key = hashlib.sha256(repr(sorted(key_fields.items())).encode()).hexdigest()[:24]
        return dict(key_fields, key=key)
