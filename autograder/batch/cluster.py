"""Grading a class on a Dask cluster (``grade-all --scheduler ADDRESS``): one Dask task per submission.

Each Dask worker process keeps a Grader per thread, with the same worker isolation as a local grading
process, and grades one submission at a time whatever its thread count: the runner that forks student
workers is one per process, and two submissions must never share it (nor its workers' files) at once.
On a GPU (``--device cuda``) tasks ask for the worker resource ``GPU=1``, so only workers started with
``--resources GPU=1`` take them, one at a time each. A Dask worker imports this module to run
:func:`grade_on_dask_worker`: it needs the kit installed, as the coordinator has it.
"""

from __future__ import annotations

import os
import sys
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import asdict

from autograder.batch.discovery import Entry
from autograder.batch.options import Options
from autograder.batch.pool import GraderBox, Outcome
from autograder.core.messages import say
from autograder.core.status import SubmissionStatus

_dask_local = threading.local()
_ONE_AT_A_TIME = threading.Lock()


def grade_on_dask_worker(student_id: str, files: dict[str, bytes], options: dict) -> Outcome:
    """One Dask task: grade one submission with this worker thread's Grader (built on first use)."""
    boxes: dict = getattr(_dask_local, "boxes", None) or {}
    _dask_local.boxes = boxes
    key = tuple(sorted((k, repr(v)) for k, v in options.items()))
    if key not in boxes:
        boxes[key] = GraderBox(Options(**options))
    with _ONE_AT_A_TIME:
        return boxes[key].grade(student_id, files)


def run_on_dask(address: str, entries: Sequence[Entry], options: Options,
                on_done: Callable[[Entry, Outcome], None]) -> None:
    try:
        from distributed import Client, as_completed
    except ImportError:
        raise ValueError("--scheduler needs Dask: pip install 'dl-autograder[cluster]'") from None
    resources = {"GPU": 1} if options.device.startswith("cuda") else None
    with Client(address, timeout="30s") as client:
        if resources:
            workers = client.scheduler_info().get("workers", {})
            if workers and not any(w.get("resources", {}).get("GPU") for w in workers.values()):
                print("warning: no Dask worker offers the resource GPU; start GPU workers with "
                      "`dask worker ADDRESS --resources GPU=1` or the tasks will wait for one", file=sys.stderr)
        futures = {}
        for entry in entries:
            future = client.submit(grade_on_dask_worker, entry.student_id, entry.files, asdict(options),
                                   key=f"autograder-{entry.student_id}-{entry.content_hash[:12]}-{os.urandom(4).hex()}",
                                   pure=False, resources=resources)
            futures[future] = entry
        for future in as_completed(list(futures)):
            entry = futures.pop(future)
            try:
                outcome = future.result()
            except Exception as err:  # the task itself failed: a worker lost, KilledWorker...
                outcome = {"status": SubmissionStatus.ERROR,
                           "detail": say("pool:dask_failed", type=type(err).__name__, message=err),
                           "started_at": time.time(), "seconds": None}
            future.release()
            on_done(entry, outcome)
