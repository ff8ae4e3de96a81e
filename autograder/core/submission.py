"""A submission as the grader holds it: its modules as text, and the worker that runs them.

The files travel to the worker as data (source text over the channel), never as a path into the kit.
"""

from __future__ import annotations

import os
import threading
from dataclasses import replace
from pathlib import Path
from typing import Any

from autograder.core import language
from autograder.core.files import GRADABLE_SUFFIXES, MAX_FILE_BYTES, read_regular_file
from autograder.core.spec import Exercise
from autograder.core.status import Reply
from autograder.notebooks.submission import submission_modules
from autograder.sandbox import launcher, protocol
from autograder.sandbox.launcher import WorkerDied, WorkerProcess, WorkerTimeout
from autograder.sandbox.protocol import CallReply

MAX_FILES = 200  # module files looked at in one submission folder


def read_submission(path: Path) -> tuple[dict[str, str], dict[str, str]]:
    """The submission's modules as text, and the modules that could not be read (with why). A notebook
    (``.ipynb``) is the module its code cells make: see :func:`autograder.notebooks.submission.submission_modules`.

    Only regular files are read, without following links: a link, a FIFO, a device or a socket named like
    a module is that module's error, said in its feedback, and never opened."""
    raw, unreadable = {}, {}
    for file in _candidates(path):
        try:
            raw[file.name] = read_regular_file(file, follow=file == path, limit=MAX_FILE_BYTES)
        except OSError as err:
            unreadable[file.stem] = err.strerror or str(err)
    texts, problems = submission_modules(raw)
    return texts, {**problems, **unreadable}


def _candidates(path: Path) -> list[Path]:
    """The module files of a submission: ``path`` itself, or the ``.py`` and ``.ipynb`` names in its folder
    (one pass over the folder, at most ``MAX_FILES`` of them)."""
    if not path.is_dir():
        return [path]
    found: list[Path] = []
    with os.scandir(path) as entries:
        for entry in entries:
            if entry.name.endswith(GRADABLE_SUFFIXES):
                found.append(path / entry.name)
                if len(found) >= MAX_FILES:
                    break
    return sorted(found)


class Submission:
    """One submission's files and the worker that runs them (restarted after a timeout or a crash)."""

    def __init__(self, files: dict[str, str], device: str) -> None:
        self.files = files
        self.device = device
        self.worker: WorkerProcess | None = None
        self.loaded = False
        self.companions: list[Submission] = []  # the same files on other workers (background exercises, stages)
        # held while the reference is timed, its workers frozen: a companion joins or leaves between batches
        # (shared with the companions, so that theirs join this submission's)
        self.freezing = threading.Lock()
        if files:
            self._spawn()

    def _spawn(self) -> WorkerProcess:
        self.worker = launcher.take("student")
        self.loaded = False
        return self.worker

    def request(self, header: dict, tensors: dict | bytes | None = None,
                timeout: float | None = None) -> tuple[dict, dict]:
        worker, deadline = self._send(header, tensors, timeout)
        return worker.reply(deadline)

    def _send(self, header: dict, tensors: dict | bytes | None, timeout: float | None
              ) -> tuple[WorkerProcess, float | None]:
        """Send one request (the submission's files first, to a worker that has not had them); returns the
        worker and its reply's deadline."""
        worker = self.worker if self.worker is not None and self.worker.running else self._spawn()
        if not self.loaded:
            worker.request({"op": "load", "files": self.files, "lang": language.current()}, timeout=60.0)
            self.loaded = True
        return worker, worker.send(header, tensors, timeout)

    def call(self, exercise: Exercise, inputs: dict, packed: protocol.Packed | None = None) -> CallReply:
        """Run the exercise's function (or its probe) on one case's inputs (``packed``: as
        :func:`protocol.packed` gives them, where the caller keeps them for every submission)."""
        return self.start_call(exercise, inputs, packed).result()

    def start_call(self, exercise: Exercise, inputs: dict, packed: protocol.Packed | None = None) -> PendingCall:
        """:meth:`call`, whose reply :meth:`PendingCall.result` reads: the worker runs the case while the
        caller judges the one before. The result is read before anything else is asked of this submission."""
        args, tensors = packed or protocol.packed(inputs)
        header = {"op": "call", "device": self.device,
                  "target": {"module": exercise.module, "function": exercise.function},
                  "args": args, "forbidden": list(exercise.forbidden), "probe": exercise.probe}
        try:
            return PendingCall(exercise, *self._send(header, tensors, exercise.time_limit))
        except (WorkerTimeout, WorkerDied) as err:
            return PendingCall(exercise, None, None, _ended(err))

    def staged(self, exercise: Exercise, inputs: dict, run: CallReply) -> CallReply:
        """The reply of the exercise's last stage (``Exercise.stages``) after its probe's reply ``run``: each
        stage runs in a fresh worker of these files, on what it makes of the replies before it. A reply that is
        not an answer ends the stages and is the result."""
        replies: list[Any] = []
        for stage in exercise.stages:
            if run.status is not Reply.RETURNED:
                return run
            replies.append(run.value)
            try:
                staged = stage.inputs(inputs, replies)
            except ValueError as err:  # a reply the stage cannot use: the student's, said in the stage's words
                return CallReply(Reply.PROBE_FAILED, message=str(err))
            fresh = self.companion()
            try:
                run = fresh.call(replace(exercise, probe=stage.probe, stages=()), staged)
            finally:
                self.release(fresh)
        return run

    def companion(self) -> Submission:
        """These files on another worker, frozen with this submission's while the reference is timed; it
        joins between two timed batches, before any of its code runs."""
        other = Submission(self.files, self.device)
        other.freezing = self.freezing
        with self.freezing:
            self.companions.append(other)
        return other

    def release(self, companion: Submission) -> None:
        """End a companion's worker, once no timed batch holds it frozen."""
        with self.freezing:
            self.companions.remove(companion)
        companion.close()

    def workers(self) -> list[WorkerProcess]:
        """Every worker that runs this submission's code now, its companions' (and theirs) included."""
        own = [self.worker] if self.worker is not None and self.worker.running else []
        return own + [worker for companion in list(self.companions) for worker in companion.workers()]

    def close(self) -> None:
        if self.worker is not None:
            self.worker.close()


class PendingCall:
    """A case sent to a worker, its reply not read yet (or how the worker ended as it was sent)."""

    def __init__(self, exercise: Exercise, worker: WorkerProcess | None, deadline: float | None,
                 ended: CallReply | None = None) -> None:
        self.exercise = exercise
        self.worker = worker
        self.deadline = deadline
        self.ended = ended

    def result(self) -> CallReply:
        if self.ended is not None or self.worker is None:
            return self.ended or CallReply(Reply.CRASHED)
        try:
            reply, reply_tensors = self.worker.reply(self.deadline)
        except (WorkerTimeout, WorkerDied) as err:
            return _ended(err)
        run = CallReply.read(reply, reply_tensors)
        if self.exercise.probe and run.status is Reply.RAISED and "ProbeFailed" in run.mro:
            run.status = Reply.PROBE_FAILED  # the kit's driver refused the answer, with a sentence
        return run


def _ended(err: WorkerTimeout | WorkerDied) -> CallReply:
    if isinstance(err, WorkerTimeout):
        return CallReply(Reply.TIMEOUT)
    return CallReply(Reply.CRASHED, detail=err.detail, output=err.output_tail)
