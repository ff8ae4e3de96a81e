"""What an exercise specification is made of.

A specification is data: a reference, a way to build inputs from a small dict of parameters, named edge
cases, a seeded generator of random cases, tolerances, points, a timing budget and forbidden operators.
The engine (``grader``) knows nothing about any particular exercise.
"""

from __future__ import annotations

import importlib
import random
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from types import SimpleNamespace
from typing import Any

import torch

from autograder.core.messages import MESSAGES
from autograder.core.seed import keyed

Params = Mapping[str, Any]
Inputs = dict[str, Any]
# the module of probe drivers (``Exercise.probe``): in the engine, where workers can import it
PROBES = "autograder.sandbox.probes"


@dataclass(frozen=True)
class Case:
    """One named set of parameters; ``make_inputs`` turns it into the function's keyword arguments."""

    name: str
    params: Params


@dataclass(frozen=True)
class Timing:
    """A timing budget: the student's time may be at most ``budget`` times the reference's.

    ``params`` describe an input large enough for the measurement to mean something; ``calls`` is how
    many calls (each on fresh inputs) make one timed batch.
    """

    params: Params
    budget: float
    calls: int = 3
    share: float = 0.2  # fraction of the exercise's points that the timing verdict decides


# calls a batch where the slow fixture's three calls came near the 50 ms floor under which a batch is not
# judged (54 to 82 ms on a fast machine, 2026-12-01: on a faster one a slow answer would pass unjudged)
FLOOR_CALLS = 6


@dataclass(frozen=True)
class Stage:
    """A further probe of a probed exercise, run in a fresh worker of the submission: one that never saw the
    case's inputs nor the calls before it, so that nothing the student's code kept in an earlier process (the
    held-out images an encoder was shown) reaches this one but what ``inputs`` passes on. ``inputs(case_inputs,
    replies)`` runs in the grader: ``replies`` are the probe's reply and each earlier stage's, in order
    (untrusted); it returns the stage's inputs, or raises ``ValueError`` with a sentence where a reply cannot
    be used."""

    probe: str
    inputs: Callable[[Inputs, list[Any]], Inputs]


@dataclass(frozen=True)
class Mistake:
    """A classic wrong answer: ``function`` makes it, called like the exercise's reference (usually a trusted
    function of ``autograder/keys``, since a near-answer is an answer). Where a student's outputs match it on
    every failing case, the feedback names it with the catalogue's sentence ``mistake:<id>``."""

    id: str
    function: Callable[..., Any]


@dataclass(frozen=True)
class Exercise:
    """The specification of one gradable function."""

    id: str
    module: str
    summary: str
    points: float
    reference: Callable[..., Any]
    make_inputs: Callable[[Params, torch.Generator], Inputs]
    edge_cases: tuple[Case, ...]
    reference_note: str = ""  # what the student's answer is compared with, as the README table shows it (Markdown)
    random_case: Callable[[random.Random], dict[str, Any]] | None = None
    n_random: int = 20
    # integer parameters that may be made smaller when looking for the smallest failing case, with the
    # smallest value each may take
    shrink: Mapping[str, int] = field(default_factory=dict)
    rtol: float | None = None
    atol: float | None = None
    timing: Timing | None = None
    # operators that would defeat the exercise: "aten::name" as PyTorch's dispatcher names it, or a
    # dotted Python path ("torch.nn.functional.multi_head_attention_forward") seen by a TorchFunctionMode
    forbidden: tuple[str, ...] = ()
    time_limit: float = 10.0  # seconds for one call on one case
    function: str = ""
    # For an answer that cannot cross the channel (a model, a trained network): the dotted path of a driver
    # in ``autograder.sandbox.probes`` (which workers can import: ``autograder.specs`` and its references are hidden
    # from them under bubblewrap), run in the worker as ``driver(student, **inputs)``, where
    # ``student`` is the student's imported module. The driver builds what it needs from the inputs (a
    # ResNet, data loaders), calls the student's function(s), and returns plain data (a "probe": a dict of
    # tensors, numbers, strings, lists); it raises ``ProbeFailed`` to fail the case with a sentence. Without
    # ``score`` the probe is compared with the same driver applied to ``reference`` (seen as
    # ``student.<function>``). The driver runs after the student's code, in the student's process: what it
    # measures there the student could have patched, so it must carry nothing secret (keep held-out labels
    # in the grader, for ``score``), and the grader checks its output like any untrusted answer.
    probe: str = ""
    # score(probe, params, gen) -> (credit in [0, 1], sentence): judges the probe in the grader instead of
    # comparing it with the reference, for partial credit (accuracy thresholds). ``gen`` is seeded as
    # ``make_inputs``'s was, so it can redraw what make_inputs drew (a secret shuffle) without sending it.
    score: Callable[[Any, Params, torch.Generator], tuple[float, str]] | None = None
    # probes run after ``probe``, each in a fresh worker (``Stage``); ``score`` judges the last one's reply
    stages: tuple[Stage, ...] = ()
    # classic wrong answers, tried in order on the failing cases' outputs (autograder.core.diagnosis)
    mistakes: tuple[Mistake, ...] = ()
    # a long computation that nothing times (a training): graded on a second worker of the submission while
    # its other exercises are graded, so that a full submission costs the longer of the two, not their sum
    background: bool = False
    # modules the reference imports on its first call that take seconds to import (torchvision): the grader
    # imports them while its workers start (autograder.core.warmup)
    slow_imports: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        if not self.function:
            object.__setattr__(self, "function", self.id)
        if self.probe and not self.probe.startswith(PROBES + "."):
            raise ValueError(f"{self.id}: a probe is a function of {PROBES}")
        if self.score is not None and not self.probe:
            raise ValueError(f"{self.id}: score judges a probe's output; name the probe")
        if self.stages and self.score is None:
            raise ValueError(f"{self.id}: stages end in a reply that score judges; name the score")
        if any(not stage.probe.startswith(PROBES + ".") for stage in self.stages):
            raise ValueError(f"{self.id}: a stage's probe is a function of {PROBES}")
        if self.probe and self.timing is not None:
            raise ValueError(f"{self.id}: a probed exercise has no timing budget (time_limit bounds it)")
        if self.mistakes and self.score is not None:
            raise ValueError(f"{self.id}: a scored exercise has no output to match a mistake against")
        unhinted = [m.id for m in self.mistakes if not _formats_alone(MESSAGES.get(f"mistake:{m.id}"))]
        if unhinted:
            raise ValueError(f"{self.id}: no hint in the catalogue, or one with braces, for "
                             + ", ".join(f"mistake:{m}" for m in unhinted))
        unknown = set(self.shrink) - {k for case in self.edge_cases for k in case.params}
        if unknown and self.edge_cases:
            raise ValueError(f"{self.id}: shrink names unknown parameters {sorted(unknown)}")

    def cases(self, seed: int) -> list[Case]:
        """The edge cases, then ``n_random`` random cases drawn from ``seed``."""
        cases = list(self.edge_cases)
        if self.random_case is not None:
            rng = random.Random(keyed(seed, f"cases:{self.id}"))
            cases += [Case(f"random_{i}", self.random_case(rng)) for i in range(self.n_random)]
        return cases

    def inputs(self, params: Params, seed: int, salt: str = "") -> Inputs:
        """Build the inputs of a case; the same parameters, seed and salt always give the same tensors."""
        return self.make_inputs(params, self.generator(params, seed, salt))

    def generator(self, params: Params, seed: int, salt: str = "") -> torch.Generator:
        """The generator :meth:`inputs` hands to ``make_inputs`` (``score`` gets an identical one)."""
        digest = keyed(seed, f"inputs:{self.id}:{salt}:{sorted(params.items())}")
        return torch.Generator().manual_seed(int.from_bytes(digest[:8], "little") & ((1 << 63) - 1))

    def run_reference(self, inputs: Inputs) -> Any:
        """The reference's answer: ``reference(**inputs)``, or for a probed exercise its probe."""
        if not self.probe:
            return self.reference(**inputs)
        return resolve_probe(self.probe)(SimpleNamespace(**{self.function: self.reference}), **inputs)


def _formats_alone(hint: str | None) -> bool:
    """The hint exists and is said without fields (a brace in it, ``abar_{t-1}``, would break ``say``)."""
    try:
        return hint is not None and hint.format() is not None
    except (KeyError, IndexError, ValueError):
        return False


class ProbeFailed(Exception):
    """Raised by a probe's driver when the student's answer cannot be probed; its message is the feedback."""


def resolve_probe(path: str) -> Callable[..., Any]:
    """The driver named by ``path``, a function of ``autograder.sandbox.probes`` (nothing else)."""
    module, _, name = path.rpartition(".")
    if module != PROBES:
        raise ValueError(f"not a probe of {PROBES}: {path!r}")
    driver = getattr(importlib.import_module(module), name, None)
    if not callable(driver):
        raise ValueError(f"no probe {path!r}")
    return driver


DTYPES = {"float16": torch.float16, "bfloat16": torch.bfloat16, "float32": torch.float32, "float64": torch.float64}


def randn(shape: tuple[int, ...], gen: torch.Generator, dtype: str = "float32", scale: float = 1.0,
          offset: float = 0.0) -> torch.Tensor:
    """Normal values, drawn in float64 so every dtype sees the same numbers, then cast."""
    x = torch.randn(shape, generator=gen, dtype=torch.float64) * scale + offset
    return x.to(DTYPES[dtype])


def uniform(shape: tuple[int, ...], gen: torch.Generator, low: float, high: float,
            dtype: str = "float32") -> torch.Tensor:
    x = torch.rand(shape, generator=gen, dtype=torch.float64) * (high - low) + low
    return x.to(DTYPES[dtype])
