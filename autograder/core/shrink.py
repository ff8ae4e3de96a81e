"""The smallest failing case: start from the failing case with the smallest inputs, then shrink its sizes
(each parameter named in the spec's ``shrink``, down to its lowest value) while it still fails."""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

import torch

from autograder.core.reference import UNRECORDED, Raised
from autograder.core.result import CaseFailure
from autograder.core.spec import Case, Exercise
from autograder.core.status import Reply

if TYPE_CHECKING:
    from autograder.core.grader import Grader
    from autograder.core.submission import Submission

SHRINK_ATTEMPTS = 40


def smallest_failure(grader: Grader, ex: Exercise, submission: Submission, cases: list[Case],
                     failures: list[CaseFailure]) -> CaseFailure | None:
    by_name = {c.name: c for c in cases}
    best = min(failures, key=lambda f: size(ex.inputs(by_name[f.case].params, grader.seed)))
    if not ex.shrink:
        return best
    params = dict(best.params)
    expects_raise = isinstance(grader.expected(ex, ex.inputs(params, grader.seed))[0], Raised)
    attempts = 0
    for trial in _trials(ex, params):
        if attempts >= SHRINK_ATTEMPTS:
            break
        attempts += 1
        inputs = ex.inputs(trial, grader.seed)
        answer, devices = grader.expected(ex, inputs)
        if answer is UNRECORDED or isinstance(answer, Raised) != expects_raise:
            continue
        run = submission.call(ex, inputs)
        if run.status in (Reply.TIMEOUT, Reply.CRASHED):
            return best
        problem = grader.verdict(ex, trial, answer, devices, run)[1]
        if problem is not None:
            params.update(trial)
            best = grader.failure(f"{best.case.split(' ')[0]} (shrunk)", dict(trial), problem, inputs, answer, run)
    return best


def _trials(ex: Exercise, params: dict) -> Iterator[dict]:
    """Smaller versions of ``params``, one parameter at a time. A trial that still fails is taken (the caller
    updates ``params`` in place) and the search goes on to the next parameter from there; passes over the
    parameters repeat until one takes nothing."""
    improved = True
    while improved:
        improved = False
        for name, lowest in ex.shrink.items():
            current = params.get(name)
            if not isinstance(current, int) or current <= lowest:
                continue
            for smaller in sorted({lowest, current // 2, current - 1} - {current}):
                if smaller < lowest:
                    continue
                before = dict(params)
                yield {**params, name: smaller}
                if params != before:
                    improved = True
                    break


def size(inputs: dict) -> tuple[int, int]:
    """How big a case is: elements of its tensors and sequences first, then its integers."""
    elements, integers = 0, 0
    for value in _leaves(inputs):
        if isinstance(value, torch.Tensor):
            elements += value.numel()
        elif isinstance(value, str):
            elements += 1
        elif isinstance(value, int) and not isinstance(value, bool):
            integers += abs(value)
    return elements, integers


def _leaves(value: Any) -> Iterator[Any]:
    if isinstance(value, dict):
        yield from itertools.chain.from_iterable(_leaves(v) for v in value.values())
    elif isinstance(value, (list, tuple)):
        yield from itertools.chain.from_iterable(_leaves(v) for v in value)
    else:
        yield value
