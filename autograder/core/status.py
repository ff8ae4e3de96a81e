"""The one vocabulary of outcomes, from a worker's reply to a student's grade.

Each is a ``StrEnum``: its members are the very strings written in result JSON, the gradebook and the
wire, so files written before these types existed read the same.
"""

from __future__ import annotations

from enum import StrEnum


class Status(StrEnum):
    """An exercise's outcome in a result: the ``status`` of ``exercises[]``."""

    PASSED = "passed"
    FAILED = "failed"
    ERROR = "error"
    TIMEOUT = "timeout"
    FORBIDDEN = "forbidden"
    MISSING = "missing"
    NOT_IMPLEMENTED = "not_implemented"
    TOO_SLOW = "too_slow"


class Reply(StrEnum):
    """What one request came to: the ``status`` a worker (or the runner) sends back, and the two outcomes
    the launcher observes when no reply comes (``TIMEOUT``, ``CRASHED``)."""

    READY = "ready"  # a worker or runner has started
    OK = "ok"  # a request that returns nothing (load, time_load) succeeded
    RETURNED = "returned"
    RAISED = "raised"
    UNSENDABLE = "unsendable"  # returned something that cannot cross the wire
    FORBIDDEN = "forbidden"
    TAMPERED = "tampered"  # the submission changed the kit's own code in the worker (its ``operators`` say what)
    MISSING_MODULE = "missing_module"
    MISSING_FUNCTION = "missing_function"
    IMPORT_ERROR = "import_error"
    REFUSED = "refused"  # a request this kind of worker does not serve
    ERROR = "error"  # a request the runner could not serve
    UNKNOWN = "unknown"  # the runner has no such worker
    PROBE_FAILED = "probe_failed"  # a probe driver refused the answer, with a sentence for the student
    TIMEOUT = "timeout"
    CRASHED = "crashed"


class Timed(StrEnum):
    """A timing verdict, before it becomes an exercise's status."""

    PASSED = "passed"
    TOO_SLOW = "too_slow"
    KILLED = "killed"  # stopped at KILL_FACTOR times the budget
    WRONG_OUTPUT = "wrong_output"
    ERROR = "error"
    FORBIDDEN = "forbidden"  # a forbidden operator was called while timed


class SubmissionStatus(StrEnum):
    """A submission as discovery found it (``OK``: something to grade), or as the gradebook recorded it."""

    OK = "ok"
    GRADED = "graded"
    ERROR = "error"  # grading itself failed (not the student's code): retried by the next run
    EMPTY = "empty"  # no .py or .ipynb file
    UNREADABLE = "unreadable"  # an archive that cannot be opened or read
    REJECTED = "rejected"  # unsafe or oversized: path traversal, zip bomb, size bounds
    CONFLICT = "conflict"  # two different files with the same name
    DUPLICATE = "duplicate"  # the same student id given by more than one entry
