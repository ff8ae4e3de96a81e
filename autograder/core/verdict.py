"""What an outcome means for the grade: tables from a worker's reply, or a timing verdict, to an exercise's
status, its feedback sentence and the share of the points it keeps.

Pure functions of plain data, so every rule is unit-tested in milliseconds without starting a process.
"""

from __future__ import annotations

from dataclasses import dataclass

from autograder.core.status import Reply, Status, Timed


@dataclass(frozen=True)
class Stop:
    """A reply that ends an exercise's grading at once, whatever the other cases would have said."""

    status: Status
    message: str  # key of :mod:`autograder.core.messages`
    keeps_credit: bool = False  # the cases passed before it still count
    counts_cases: bool = True  # the result says how many cases passed before it


# Replies that stop the exercise; a reply not listed is judged case by case.
STOPS: dict[Reply, Stop] = {
    Reply.MISSING_MODULE: Stop(Status.MISSING, "missing_module", counts_cases=False),
    Reply.MISSING_FUNCTION: Stop(Status.MISSING, "missing_function", counts_cases=False),
    Reply.IMPORT_ERROR: Stop(Status.ERROR, "import_error", counts_cases=False),
    Reply.FORBIDDEN: Stop(Status.FORBIDDEN, "forbidden", counts_cases=False),
    Reply.TAMPERED: Stop(Status.FORBIDDEN, "tampered", counts_cases=False),
    Reply.TIMEOUT: Stop(Status.TIMEOUT, "timeout", keeps_credit=True),
    Reply.CRASHED: Stop(Status.ERROR, "crashed", keeps_credit=True),
}
NOT_IMPLEMENTED = Stop(Status.NOT_IMPLEMENTED, "not_implemented")
# a function that exhausts its memory bound would exhaust it again on every case: the rest are not run
OUT_OF_MEMORY = Stop(Status.ERROR, "out_of_memory", keeps_credit=True)
# an answer too large to send would be too large again on every case, each costing its allocation
TOO_LARGE = Stop(Status.ERROR, "returned_too_large", keeps_credit=True)
# Replies where the student's function raised (or returned what cannot be sent) instead of returning.
RAISED = frozenset({Reply.RAISED, Reply.UNSENDABLE})


def stop_for(status: Reply, mro: list[str], reference_raises: bool) -> Stop | None:
    """The stop a reply calls for, or ``None`` when the case is to be compared with the reference. A stub
    that still raises ``NotImplementedError`` is not implemented, unless the reference raises too; a
    ``MemoryError`` (the worker's memory bound), or an answer too large to send, stops the exercise."""
    if status in STOPS:
        return STOPS[status]
    if status is Reply.RAISED and "NotImplementedError" in mro and not reference_raises:
        return NOT_IMPLEMENTED
    if status is Reply.UNSENDABLE and "ReplyTooLarge" in mro:
        return TOO_LARGE
    if status in RAISED and "MemoryError" in mro and not reference_raises:
        return OUT_OF_MEMORY
    return None


def after_cases(failed: int, raised: int) -> Status:
    """Once every case ran: a function that raised where the reference returns is an ``error``; a wrong
    answer (a wrong exception type where the reference raises too included) is ``failed``."""
    if raised:
        return Status.ERROR
    return Status.FAILED if failed else Status.PASSED


@dataclass(frozen=True)
class TimedOutcome:
    status: Status
    message: str  # key of :mod:`autograder.core.messages`
    correctness_share: float | None  # share of the correctness points kept; ``None``: every point


# A timing verdict, once every case is correct. Too slow keeps the correctness points (the points less the
# timing share); output that goes wrong only while timed, or a worker that fails while timed, keeps half of
# them: the function was right on every case.
TIMED: dict[Timed, TimedOutcome] = {
    Timed.PASSED: TimedOutcome(Status.PASSED, "passed_timed", correctness_share=None),
    Timed.TOO_SLOW: TimedOutcome(Status.TOO_SLOW, "too_slow", correctness_share=1.0),
    Timed.KILLED: TimedOutcome(Status.TOO_SLOW, "too_slow_killed", correctness_share=1.0),
    Timed.WRONG_OUTPUT: TimedOutcome(Status.FAILED, "timed_output_wrong", correctness_share=0.5),
    Timed.ERROR: TimedOutcome(Status.ERROR, "timed_error", correctness_share=0.5),
    # the guard holds in both phases: a forbidden operator while timed is as forbidden as anywhere
    Timed.FORBIDDEN: TimedOutcome(Status.FORBIDDEN, "forbidden", correctness_share=0.0),
}


def timed_points(outcome: TimedOutcome, points: float, correctness_points: float) -> float:
    return points if outcome.correctness_share is None else correctness_points * outcome.correctness_share
