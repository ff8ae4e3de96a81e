"""The timing verdict: the student's time as a ratio to the reference's, measured side by side.

Both are timed the same way, from the grader's side of the channel, so the student's process cannot touch
the clock: the inputs of a batch of calls are loaded first (outside the timed region), then the grader
times the round trip of "run the batch and send back every output". Deferred or lazy work is counted,
because the outputs must be materialised to be sent. Every call gets fresh inputs, so caching cannot
help, and every output comes back and is checked. Student and reference batches alternate (A B, B A,
...) and the verdict is the median of the pairwise ratios: a machine whose speed drifts moves both
members of a pair together.
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from autograder.core.spec import Exercise
from autograder.core.status import Reply, Timed
from autograder.sandbox import protocol
from autograder.sandbox.protocol import CallReply

FLOOR_SECONDS = 0.05  # a batch faster than this is not judged: noise dominates it
ROUNDS = 5  # measured pairs, after one warm-up pair (of one call each)
KILL_FACTOR = 20.0  # a batch taking this many budgets longer than the reference is stopped
# the verdict is given early when this many measured pairs all lie this many times over the budget (too slow),
# or all this many times under it or under the floor (passed): the remaining pairs could not move the median
EARLY_PAIRS, EARLY_FACTOR = 2, 3.0


@dataclass
class Batch:
    """One timed batch: how long the round trip took, and what came back (or why nothing did)."""

    seconds: float
    outputs: Any = None
    problem: CallReply | None = None  # the worker's reply when it did not return outputs
    killed: bool = False
    device_seconds: float | None = None  # CUDA events' time of the batch, as the worker reports it


# takes a batch's inputs and a time limit, and times that batch on one worker
TimeBatch = Callable[[list[dict], float | None], Batch]


@dataclass
class TimingVerdict:
    status: Timed
    ratio: float | None = None
    student_seconds: float | None = None
    reference_seconds: float | None = None
    limit: float | None = None
    detail: Any = None
    reference_device_seconds: float | None = None  # on CUDA: the reference batch by CUDA events

    def to_dict(self, budget: float) -> dict[str, Any]:
        return {"ratio": self.ratio, "budget": budget, "student_seconds": self.student_seconds,
                "reference_seconds": self.reference_seconds, "floor_seconds": FLOOR_SECONDS,
                "reference_device_seconds": self.reference_device_seconds}


def judge(exercise: Exercise, seed: int, student: TimeBatch, reference: TimeBatch,
          check: Callable[[Any, Any], str | None]) -> TimingVerdict:
    """Time ``student`` against ``reference`` on the exercise's timing case; ``check(expected, got)``
    compares the outputs of each pair."""
    timing = exercise.timing
    if timing is None:
        raise ValueError(f"{exercise.id} has no timing budget")
    ratios: list[float] = []
    student_times: list[float] = []
    reference_times: list[float] = []
    reference_device_times: list[float] = []
    warm_scale = 0.0  # a batch's reference time as the warm-up call foretells it (set by the warm-up round)
    for round_index in range(ROUNDS + 1):
        # the warm-up pair is one call each: it pays for lazy initialisation and gives the limit its scale
        calls = timing.calls if round_index else 1
        batch = [exercise.inputs(timing.params, seed, salt=f"timing:{round_index}:{call}") for call in range(calls)]
        # the warm-up round starts with the reference, so that the student's limit has a scale
        ref_first = round_index % 2 == 0
        ref = reference(batch, None) if ref_first else None
        limit = _limit(reference_times, ref, timing.budget, warm_scale)
        got = student(batch, limit)
        if ref is None:
            ref = reference(batch, None)
        if ref.problem is not None:
            raise RuntimeError(f"the reference failed on the timing case of {exercise.id}: {ref.problem}")
        if got.killed:
            return TimingVerdict(Timed.KILLED, student_seconds=got.seconds, limit=limit,
                                 reference_seconds=ref.seconds)
        if got.problem is not None:
            forbidden = got.problem.status in (Reply.FORBIDDEN, Reply.TAMPERED)
            return TimingVerdict(Timed.FORBIDDEN if forbidden else Timed.ERROR, detail=got.problem)
        problem = check(ref.outputs, got.outputs)  # a list: one output per call of the batch
        if problem:
            return TimingVerdict(Timed.WRONG_OUTPUT, detail=problem)
        if round_index == 0:
            warm_scale = ref.seconds * timing.calls
            continue  # warm-up: first calls pay for lazy initialisation
        student_times.append(got.seconds)
        reference_times.append(ref.seconds)
        if ref.device_seconds is not None:
            reference_device_times.append(ref.device_seconds)
        ratios.append(got.seconds / max(ref.seconds, 1e-9))
        if _decided(ratios, student_times, timing.budget):
            break
    ratio, student_seconds = statistics.median(ratios), statistics.median(student_times)
    slow = student_seconds >= FLOOR_SECONDS and ratio > timing.budget
    return TimingVerdict(Timed.TOO_SLOW if slow else Timed.PASSED, ratio=ratio, student_seconds=student_seconds,
                         reference_seconds=statistics.median(reference_times),
                         reference_device_seconds=(statistics.median(reference_device_times)
                                                   if reference_device_times else None))


def _decided(ratios: list[float], student_times: list[float], budget: float) -> bool:
    """Whether the pairs measured so far decide the verdict whichever way the others would go: a sequential
    stop, symmetric in both directions, so that a clear answer costs three pairs rather than six."""
    if len(ratios) < EARLY_PAIRS:
        return False
    far_over = min(ratios) > EARLY_FACTOR * budget and min(student_times) >= FLOOR_SECONDS
    far_under = max(ratios) < budget / EARLY_FACTOR or max(student_times) < FLOOR_SECONDS / EARLY_FACTOR
    return far_over or far_under


def _limit(reference_times: list[float], current: Batch | None, budget: float, warm_scale: float) -> float:
    """How long the student's batch may take before it is stopped: ``KILL_FACTOR`` budgets of the slowest
    reference batch measured, or before any is (the first measured round times the student first), of the
    warm-up call's time for every call of the batch (the warm-up pays for lazy initialisation, so this errs
    long); a fixed 50 ms scale let a student's first batch run 10 s at a budget of 10 where a reference call
    of 7 ms allows 1.4 s for one call. The warm-up round itself times the reference first."""
    known = reference_times + ([current.seconds] if current is not None else [])
    scale = max(known) if known else warm_scale
    return max(1.0, FLOOR_SECONDS * KILL_FACTOR, scale * budget * KILL_FACTOR)


class PairEncoding:
    """A batch as the channel carries it, encoded once for both members of its pair: saving a batch's tensors
    takes 0.2 ms a tensor, about 80 ms for a hundred calls of four inputs."""

    def __init__(self) -> None:
        self._batch: list[dict] | None = None
        self._packed: protocol.Packed = (None, b"")

    def __call__(self, batch: list[dict]) -> protocol.Packed:
        if batch is not self._batch:
            self._batch, self._packed = batch, protocol.packed(batch)
        return self._packed


def run_batch(request: Callable[..., tuple[dict, dict]], target: dict, batch: list[dict],
              limit: float | None, device: str, encoding: PairEncoding | None = None) -> Batch:
    """Time one batch on a worker through ``request(header, tensors, timeout)``."""
    tree, tensors = (encoding or PairEncoding())(batch)
    header, _ = request({"op": "time_load", "device": device, "target": target, "batch": tree}, tensors,
                        timeout=120.0)
    if header.get("status") != Reply.OK:
        return Batch(0.0, problem=CallReply.read(header, {}))
    start = time.perf_counter()
    header, out_tensors = request({"op": "time_run"}, None, timeout=limit)
    seconds = time.perf_counter() - start
    reply = CallReply.read(header, out_tensors)
    if reply.status is not Reply.RETURNED:
        return Batch(seconds, problem=reply)
    return Batch(seconds, outputs=reply.value, device_seconds=protocol.seconds(header, "device_seconds"))
