"""Grading a whole class: find the submissions, skip what the gradebook already holds, grade the rest in
parallel, record each result the moment it is known, then write the exports.

Two ways to run the grading, one task per submission either way:

- local (the default, :mod:`autograder.batch.pool`): N grading processes, each owning one
  :class:`~autograder.core.grader.Grader` (and so its own warm runner that forks an isolated worker per
  submission), each importing PyTorch once. A process that dies or overruns its deadline is replaced; its
  submission gets the status ``error`` (the next run tries it again) and the batch goes on.
- Dask (``scheduler=ADDRESS``, :mod:`autograder.batch.cluster`): one Dask task per submission; each Dask
  worker process keeps a Grader per thread, with the same worker isolation. On a GPU (``--device cuda``)
  tasks ask for the worker resource ``GPU=1``, so only workers started with ``--resources GPU=1`` take
  them, one at a time each.

The coordinating process (this one) never runs student code and is the only writer of the gradebook:
grading processes and Dask tasks send back plain data (the result as a dict).
"""

from __future__ import annotations

import json
import time
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from rich.console import Console

from autograder.batch.cluster import run_on_dask
from autograder.batch.discovery import Entry, discover
from autograder.batch.gradebook import Gradebook, Record
from autograder.batch.listed import Listed, listed
from autograder.batch.options import Options
from autograder.batch.pool import SUBMISSION_DEADLINE, LocalPool, Outcome, default_workers
from autograder.batch.similarity import Prepared
from autograder.core.messages import say, shown_submission_status
from autograder.core.seed import caution
from autograder.core.status import SubmissionStatus
from autograder.render.safe_text import terminal


@dataclass
class BulkResult:
    run_id: int
    records: list[Record]  # every student's current row, sorted by id
    graded_now: int = 0
    skipped: int = 0
    problems: int = 0
    errors: int = 0
    seconds: float = 0.0
    written: dict[str, Path] = field(default_factory=dict)


# -- the whole run ------------------------------------------------------------------------------------
def grade_all(submissions: str | Path, out: str | Path, *, options: Options | None = None,
              workers: int | None = None, db: str | Path | None = None, regrade: bool = False,
              scheduler: str | None = None, console: Console | None = None,
              deadline: float = SUBMISSION_DEADLINE, command: str = "",
              students: Sequence[str] | None = None) -> BulkResult:
    """Grade every submission under ``submissions`` (or only those of ``students``) that the gradebook
    does not already hold, write the exports of the whole class into ``out`` and print the class summary."""
    start = time.monotonic()
    console = console or Console()
    options = options or Options()
    options.check_exercises()  # unknown --only ids fail here, before anything starts
    if scheduler is None:
        options = _on_this_machine(options)
    out = Path(out)
    entries = _submissions(submissions, out, db)
    chosen = _chosen(entries, students)
    with Gradebook(db or out / "gradebook.db") as gradebook:
        options = _seeded(options, gradebook, console)
        gradual = workers is None  # --workers N starts N at once
        workers = workers or default_workers()
        run = _open_run(gradebook, options, submissions, scheduler or f"local:{workers}", command, regrade, console)
        todo = _record_what_cannot_be_graded(run, [e for e in entries if e.student_id in chosen], regrade)
        where = say("grade_all_on_dask", scheduler=scheduler) if scheduler else \
            say("grade_all_in_processes", processes=min(workers, len(todo)))
        if gradual and not scheduler and min(workers, len(todo)) > 1:
            where = say("grade_all_in_up_to_processes", processes=min(workers, len(todo)))
        console.print(say("grade_all_plan", found=len(entries), submissions=submissions, todo=len(todo), where=where,
                          skipped=run.summary.skipped, problems=run.summary.problems), highlight=False, markup=False)
        exercises = _grade(run, todo, options, scheduler, workers, deadline, gradual)
        run.summary.records = gradebook.current([e.student_id for e in entries], run.key)
    _write_exports(run.summary, out, exercises, run.prepared, console, start)
    return run.summary


def _on_this_machine(options: Options) -> Options:
    """The options with their device resolved here, so that the gradebook's configuration says which
    device graded. Without a GPU's device node, ``auto`` is the CPU without asking PyTorch (whose import
    would delay the grading processes' start by seconds)."""
    if options.device == "cpu" or (options.device == "auto" and not _gpu_device_nodes()):
        return replace(options, device="cpu")
    from autograder.core.grader import resolve_device

    return replace(options, device=resolve_device(options.device))


def _gpu_device_nodes() -> bool:
    """A device node through which PyTorch could reach a GPU: NVIDIA's, ROCm's, or WSL's."""
    dev = Path("/dev")
    return any(dev.glob("nvidia*")) or (dev / "kfd").exists() or (dev / "dxg").exists()


def _seeded(options: Options, gradebook: Gradebook, console: Console) -> Options:
    """The options with their seed: the gradebook's secret one where none was given (final grading),
    saying which seed grades and why it matters."""
    if options.seed is None:
        seed, new = gradebook.secret_seed()
        console.print(say("secret_seed_new" if new else "secret_seed_kept", db=gradebook.path),
                      highlight=False, markup=False)
        return replace(options, seed=seed, secret=True)
    if (said := caution(options.seed)) is not None:
        console.print(said, highlight=False, markup=False)
    return options


def _chosen(entries: list[Entry], students: Sequence[str] | None) -> set[str]:
    """The ids to grade: ``students``, each of which must have a submission, or every one found."""
    found = {entry.student_id for entry in entries}
    if students is None:
        return found
    unknown = sorted(set(students) - found)
    if unknown:
        raise KeyError(say("unknown_students", unknown=", ".join(unknown), found=len(found)))
    return set(students)


def _submissions(submissions: str | Path, out: Path, db: str | Path | None) -> list[Entry]:
    """Every submission found under ``submissions``; an output folder inside it is not a student."""
    ours = {out.resolve(), Path(db).resolve().parent if db else None}
    return [entry for entry in discover(submissions) if Path(entry.source).resolve() not in ours]


@dataclass
class _Run:
    """A run opened in the gradebook: each outcome is recorded in it the moment it is known."""

    gradebook: Gradebook
    id: int
    key: str  # the configuration key: what decides whether an earlier grade is reused
    summary: BulkResult
    console: Console
    prepared: Prepared  # each graded student's functions, read for the similar pairs as the grade comes

    def record(self, entry: Entry, outcome: Outcome) -> Record:
        """Store what grading ``entry`` came to; returns the row written."""
        from autograder.core.result import SubmissionResult

        result = SubmissionResult.from_dict(outcome["result"]) if outcome.get("result") else None
        record = Record(entry.student_id, outcome["status"], outcome.get("detail", ""), entry.notes,
                        entry.source, entry.content_hash, result, outcome.get("seconds"),
                        outcome.get("started_at"), time.time())
        self.gradebook.record(self.id, self.key, record)
        self.summary.graded_now += record.status == SubmissionStatus.GRADED
        self.summary.errors += record.status == SubmissionStatus.ERROR
        if outcome.get("traceback"):
            self.console.print(terminal(outcome["traceback"], multiline=True), highlight=False, markup=False)
        return record


def _open_run(gradebook: Gradebook, options: Options, submissions: str | Path, scheduler: str, command: str,
              regrade: bool, console: Console) -> _Run:
    """Record a new run in the gradebook, saying first when its earlier grades came from another engine."""
    config = options.config()
    if not regrade and _engine_changed(gradebook.runs(), config):
        console.print(f"warning: {say('engine_changed')}", highlight=False, markup=False)
    run_id = gradebook.start_run(config, str(Path(submissions).resolve()), scheduler, command or "grade-all")
    return _Run(gradebook, run_id, config["key"], BulkResult(run_id, []), console, Prepared(listed(options.only)))


def _engine_changed(runs: list[dict[str, Any]], config: dict[str, Any]) -> bool:
    """The latest earlier run with the same settings (seed, device, exercises, timing: the gradebook does
    not record time limits) was graded by another engine, so none of its grades can be reused."""
    ours = (config["seed"], config["device"], config["exercises"], config["timing"])
    same = [run for run in runs
            if (run["seed"], run["device"], json.loads(run["exercises"]), bool(run["timing"])) == ours]
    return bool(same) and same[-1]["kit_fingerprint"] != config["kit_fingerprint"]


def _record_what_cannot_be_graded(run: _Run, entries: list[Entry], regrade: bool) -> list[Entry]:
    """Skip what the gradebook already holds and record the entries that cannot be graded; returns the
    entries left to grade."""
    todo = []
    for entry in entries:
        if not regrade and run.gradebook.is_done(entry.student_id, entry.content_hash, run.key):
            run.summary.skipped += 1
        elif entry.status != SubmissionStatus.OK:
            run.gradebook.record(run.id, run.key, Record(entry.student_id, entry.status, entry.detail, entry.notes,
                                                         entry.source, entry.content_hash))
            run.summary.problems += 1
        else:
            todo.append(entry)
    return todo


def _grade(run: _Run, todo: list[Entry], options: Options, scheduler: str | None, workers: int,
           deadline: float, gradual: bool = False) -> list[Listed]:
    """Grade ``todo`` on the Dask scheduler or in local grading processes, recording each outcome as it
    comes; the run ends ``finished``, or ``interrupted`` by whatever stopped it. Returns the exercises graded,
    for the exports: their listing's entries and the exports' own imports are loaded in a thread meanwhile,
    while this process mostly waits, rather than before the grading processes start or after they end."""
    status = "interrupted"
    loading = ThreadPoolExecutor(1, thread_name_prefix="load-exports")
    exercises = loading.submit(_load_exports, options)
    loading.shutdown(wait=False)
    try:
        with _Progress(run.console, len(todo)) as progress:

            def on_done(entry: Entry, outcome: Outcome) -> None:
                record = run.record(entry, outcome)
                progress.advance(record)
                run.prepared.add(record, entry.files)

            if todo and scheduler:
                run_on_dask(scheduler, todo, options, on_done)
            elif todo:
                LocalPool(min(workers, len(todo)), options, deadline, gradual).run(todo, on_done)
        status = "finished"
    finally:
        run.gradebook.finish_run(run.id, status)
    return exercises.result()


def _load_exports(options: Options) -> list[Listed]:
    """The exercises graded, as the listing describes them (this process never imports PyTorch), and the
    modules the exports need imported."""
    from autograder.core import collector

    with collector.paused():
        from autograder.batch import exports, similarity  # noqa: F401 - imported for their import's cost
        from autograder.render import report  # noqa: F401

        return listed(options.only)


def _write_exports(summary: BulkResult, out: Path, exercises: list[Listed], prepared: Prepared, console: Console,
                   start: float) -> None:
    """Write the exports of every student's current row into ``out``, then print the class summary."""
    from autograder.batch import exports

    summary.written = exports.write_all(out, summary.records, exercises, prepared)
    exports.print_summary(summary.records, exercises, console)
    summary.seconds = time.monotonic() - start
    console.print(say("exports_written", graded=summary.graded_now, seconds=summary.seconds, out=out,
                      files=", ".join(path.name + ("/" if path.is_dir() else "") for path in summary.written.values())),
                  highlight=False, markup=False)


# -- progress -----------------------------------------------------------------------------------------
class _Progress:
    """A rich progress bar on a terminal; one plain line per submission elsewhere (CI logs)."""

    def __init__(self, console: Console, total: int) -> None:
        self.console, self.total, self.done, self.errors = console, total, 0, 0
        self.start = time.monotonic()
        self.bar = None
        if console.is_terminal and total:
            from rich import progress

            self.bar = progress.Progress(
                progress.TextColumn("{task.description}"), progress.BarColumn(), progress.MofNCompleteColumn(),
                progress.TextColumn("{task.fields[rate]}"), progress.TimeElapsedColumn(),
                progress.TextColumn(say("grade_all_remaining")),
                progress.TimeRemainingColumn(), console=console, transient=False)
            self.task = self.bar.add_task(say("grade_all_progress"), total=total, rate="")

    def __enter__(self) -> _Progress:
        if self.bar is not None:
            self.bar.start()
        return self

    def __exit__(self, *exc: object) -> None:
        if self.bar is not None:
            self.bar.stop()

    def advance(self, record: Record) -> None:
        self.done += 1
        self.errors += record.status == SubmissionStatus.ERROR
        elapsed = time.monotonic() - self.start
        rate = self.done / elapsed if elapsed > 0 else 0.0
        result = record.graded_result
        if result is not None:
            what = f"{result.score:g}/{result.max_score:g}"
        else:
            what = f"{shown_submission_status(record.status)}: {terminal(record.detail)}"
        if self.bar is not None:
            if record.status == SubmissionStatus.ERROR:
                self.bar.console.print(f"{terminal(record.student_id)}: {what}", highlight=False, markup=False)
            errors = f" ({say('grade_all_errors', errors=self.errors)})" if self.errors else ""
            self.bar.update(self.task, advance=1, description=say("grade_all_progress") + errors, rate=f"{rate:.2f}/s")
            return
        eta = (self.total - self.done) / rate if rate > 0 else 0.0
        pace = say("grade_all_eta", seconds=record.seconds or 0, rate=rate, eta=_clock(eta))
        self.console.print(f"[{self.done}/{self.total}] {terminal(record.student_id)}: {what} ({pace})",
                           highlight=False, markup=False)


def _clock(seconds: float) -> str:
    minutes, seconds = divmod(int(seconds + 0.5), 60)
    return f"{minutes // 60}:{minutes % 60:02d}:{seconds:02d}"
