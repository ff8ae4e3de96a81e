"""Grading a whole class: find the submissions, skip what the gradebook already holds, grade the rest in
parallel, record each result the moment it is known, then write the exports.

Two ways to run the grading, one task per submission either way:

- local (the default): N grading processes, each owning one :class:`~autograder.core.grader.Grader` (and so
  its own warm runner that forks an isolated worker per submission), each importing PyTorch once. A
  process that dies or overruns its deadline is replaced; its submission gets the status ``error`` (the
  next run tries it again) and the batch goes on.
- Dask (``scheduler=ADDRESS``): one Dask task per submission; each Dask worker process keeps a Grader
  per thread, with the same worker isolation. On a GPU (``--device cuda``) tasks ask for the worker
  resource ``GPU=1``, so only workers started with ``--resources GPU=1`` take them, one at a time each.

The coordinating process (this one) never runs student code and is the only writer of the gradebook:
grading processes and Dask tasks send back plain data (the result as a dict).
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import math
import multiprocessing
import multiprocessing.connection
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import traceback
from collections import deque
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path
from typing import Any

from rich.console import Console

from autograder import __version__
from autograder.batch.discovery import OK, Entry, discover
from autograder.batch.gradebook import ERROR, GRADED, Gradebook, Record

SUBMISSION_DEADLINE = 30 * 60.0  # seconds one submission may take before its grading process is replaced
MAX_FAILED_STARTS = 3  # grading processes in a row that die before they are ready: the machine is the problem
SLOT_MEMORY = 3 << 29  # bytes one grading process needs with its workers (three PyTorch processes): 1.5 GiB
# the files whose content decides grades: a gradebook's results are reused only for the same ones
_GRADING_FILES = ("grader.py", "compare.py", "spec.py", "timing.py", "messages.py", "worker.py", "channel.py",
                  "datasets.py", "result.py")

_PACKAGE = Path(__file__).resolve().parents[1]
Outcome = dict[str, Any]  # what a grading process sends back for one submission: plain data only


@dataclass(frozen=True)
class Options:
    """How every submission of a run is graded; the same options give the same grades."""

    seed: int = 0
    device: str = "auto"
    only: tuple[str, ...] | None = None
    timing: bool = True
    # shorter per-call time limits for some exercises (exercise id, seconds): cheap tests of hostile code
    time_limits: tuple[tuple[str, float], ...] = ()

    def __post_init__(self) -> None:  # lists, as JSON gives them back, become tuples
        if self.only is not None:
            object.__setattr__(self, "only", tuple(self.only))
        object.__setattr__(self, "time_limits", tuple((str(k), float(v)) for k, v in self.time_limits))

    def exercises(self) -> list:
        """The exercises graded, in the course's order; ``KeyError`` names unknown ones."""
        from autograder.specs import all_exercises

        known = list(all_exercises())
        if self.only is not None:
            unknown = sorted(set(self.only) - {ex.id for ex in known})
            if unknown:
                raise KeyError(f"unknown exercise(s): {', '.join(unknown)}; `autograder list` shows them")
            known = [ex for ex in known if ex.id in self.only]
        limits = dict(self.time_limits)
        return [replace(ex, time_limit=min(ex.time_limit, limits[ex.id])) if ex.id in limits else ex for ex in known]

    def config(self) -> dict[str, Any]:
        """What the gradebook records of a run; ``key`` decides whether an earlier grade can be reused.

        The kit's version is part of the key; the fingerprint of its files is only recorded (and compared,
        with a warning): an edited specification should not silently throw away a class's grades."""
        exercises = sorted(self.only) if self.only is not None else None
        key_fields = dict(seed=self.seed, device=self.device, exercises=exercises, timing=self.timing,
                          time_limits=sorted(self.time_limits), kit_version=__version__)
        key = hashlib.sha256(repr(sorted(key_fields.items())).encode()).hexdigest()[:24]
        return dict(key_fields, key=key, kit_fingerprint=kit_fingerprint())


def kit_fingerprint() -> str:
    """A hash of the engine files and specifications that decide grades."""
    digest = hashlib.sha256()
    for path in sorted([*(_PACKAGE / name for name in _GRADING_FILES), *(_PACKAGE / "specs").glob("*.py")]):
        if path.exists():
            digest.update(path.name.encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()[:16]


def default_workers() -> int:
    """One grading process per CPU core this process may use, as far as memory allows."""
    try:
        cpus = len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        cpus = os.cpu_count() or 1
    memory = _available_memory()
    by_memory = max(1, memory // SLOT_MEMORY) if memory else cpus
    return max(1, min(cpus, by_memory))


def _available_memory() -> int | None:
    try:
        with open("/proc/meminfo") as meminfo:
            for line in meminfo:
                if line.startswith("MemAvailable:"):
                    return int(line.split()[1]) * 1024
    except (OSError, ValueError, IndexError):
        pass
    try:
        return os.sysconf("SC_AVPHYS_PAGES") * os.sysconf("SC_PAGE_SIZE")
    except (ValueError, OSError, AttributeError):
        return None


# -- grading one submission (in a grading process or a Dask worker) -----------------------------------
class GraderBox:
    """A Grader built on first use and rebuilt after it raised: one bad submission must not leave the
    next one a broken grader."""

    def __init__(self, options: Options) -> None:
        self.options = options
        self.grader = None

    def grade(self, student_id: str, files: dict[str, bytes]) -> Outcome:
        started, clock = time.time(), time.monotonic()
        folder = Path(tempfile.mkdtemp(prefix="autograder-bulk-"))
        try:
            for name, data in files.items():
                (folder / Path(name).name).write_bytes(data)
            if self.grader is None:
                from autograder.core.grader import Grader

                self.grader = Grader(seed=self.options.seed, device=self.options.device,
                                     exercises=self.options.exercises(), timing_enabled=self.options.timing)
            result = self.grader.grade(folder)
            result.submission = student_id
            outcome = {"status": GRADED, "result": result.to_dict()}
        except Exception as err:
            self.close()
            outcome = {"status": ERROR, "detail": f"the grader failed: {type(err).__name__}: {err}",
                       "traceback": traceback.format_exc(limit=8)}
        finally:
            shutil.rmtree(folder, ignore_errors=True)
        outcome.update(started_at=started, seconds=round(time.monotonic() - clock, 3))
        return outcome

    def close(self) -> None:
        grader, self.grader = self.grader, None
        if grader is not None:
            with contextlib.suppress(Exception):
                grader.close()


# -- local grading processes --------------------------------------------------------------------------
# A grading process is a fresh interpreter (``python -m autograder.batch.bulk FD``), not a multiprocessing child:
# the fork server and spawn methods would import the caller's main script in every process, which breaks
# (or recurses) when grade_all is called from a script, a notebook or standard input.


def _process_main(conn: multiprocessing.connection.Connection, options: dict) -> None:
    """A grading process: grade the submissions it is sent, one at a time, until told to stop."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the coordinator's to handle

    def stop(signum: int, frame: Any) -> None:
        raise SystemExit(128 + signum)  # unwinds through the grader, which ends its workers

    signal.signal(signal.SIGTERM, stop)
    _watch_parent()
    from autograder.sandbox import launcher

    launcher.prespawn("student")  # the warm runner imports PyTorch while this process does too
    import torch

    torch.set_num_threads(1)  # parallelism comes from the processes; references are small
    box = GraderBox(Options(**options))
    try:
        with contextlib.suppress(Exception):  # a runner that cannot start says so at the first submission
            launcher.runner().wait_ready()
        conn.send({"status": "ready"})
        while True:
            try:
                task = conn.recv()
            except (EOFError, OSError):
                break
            if task is None:
                break
            conn.send(box.grade(task["student_id"], task["files"]))
    finally:
        box.close()
        launcher.discard_spares()


def _watch_parent() -> None:
    """End this process (cleanly, by SIGTERM) once its parent is gone: a coordinator killed with SIGKILL
    must not leave grading processes running on."""
    parent = os.getppid()

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(0.5)
        os.kill(os.getpid(), signal.SIGTERM)

    threading.Thread(target=watch, daemon=True, name="watch-parent").start()


@dataclass(eq=False)
class _Slot:
    process: subprocess.Popen
    conn: multiprocessing.connection.Connection
    allowed: float  # seconds one submission may take
    entry: Entry | None = None
    ready: bool = False  # PyTorch imported and the runner started: the submission's clock runs
    deadline: float = math.inf

    def assign(self, entry: Entry) -> bool:
        try:
            self.conn.send({"student_id": entry.student_id, "files": entry.files})
        except (OSError, ValueError):
            return False
        self.entry = entry
        self.deadline = time.monotonic() + self.allowed if self.ready else math.inf
        return True

    def poll(self) -> Outcome | None:
        """The outcome of the current submission once there is one (a death is an outcome too)."""
        try:
            while self.conn.poll():
                message = self.conn.recv()
                if message.get("status") != "ready":
                    return message
                self.ready, self.deadline = True, time.monotonic() + self.allowed
            return None
        except (EOFError, OSError):
            pass
        try:
            code = self.process.wait(timeout=2.0)
        except subprocess.TimeoutExpired:
            code = None
        return {"status": ERROR, "detail": f"the grading process {_ending(code)} while grading this submission",
                "started_at": time.time(), "seconds": None}

    def stop(self, busy: bool = False) -> None:
        """Ask the process to finish (or, ``busy``, stop it at once), and make sure it is gone."""
        with contextlib.suppress(OSError, ValueError):
            self.conn.send(None)
        try:
            self.process.wait(timeout=0.0 if busy or self.entry is not None else 5.0)
        except subprocess.TimeoutExpired:
            self.process.terminate()  # SIGTERM: the process ends its workers on the way out
            try:
                self.process.wait(timeout=5.0)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.conn.close()

    @property
    def pid(self) -> int:
        return self.process.pid


def _ending(code: int | None) -> str:
    if code is None:
        return "stopped answering"
    if code < 0:
        return f"was killed by signal {signal.Signals(-code).name}"
    return f"exited with status {code}"


class LocalPool:
    """``workers`` grading processes; :meth:`run` hands each a submission as soon as it is free."""

    def __init__(self, workers: int, options: Options, deadline: float = SUBMISSION_DEADLINE) -> None:
        self.workers = max(1, workers)
        self.options = options
        self.deadline = deadline
        self.slots: list[_Slot | None] = []

    def _start(self) -> _Slot:
        ours, theirs = socket.socketpair()
        env = dict(os.environ)  # the engine importable whatever the current folder
        env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(_PACKAGE.parent), env.get("PYTHONPATH")]))
        process = subprocess.Popen([sys.executable, "-m", "autograder.batch.bulk", str(theirs.fileno()),
                                    json.dumps(asdict(self.options))], pass_fds=(theirs.fileno(),),
                                   stdin=subprocess.DEVNULL, env=env)
        theirs.close()
        return _Slot(process, multiprocessing.connection.Connection(ours.detach()), self.deadline)

    def run(self, entries: Sequence[Entry], on_done: Callable[[Entry, Outcome], None]) -> None:
        queue = deque(entries)
        slots: list[_Slot | None] = [self._start() for _ in range(min(self.workers, len(queue)))]
        self.slots = slots
        failed_starts = 0
        try:
            while queue or any(s is not None and s.entry is not None for s in slots):
                for i, slot in enumerate(slots):
                    while queue and (slot is None or slot.entry is None):
                        if slot is None:  # a process that died or overran is replaced when there is work
                            slots[i] = slot = self._start()
                        if slot.assign(queue[0]):
                            queue.popleft()
                        else:  # it died before it could take the work: the work waits for a new process
                            slot.stop(busy=True)
                            slots[i] = slot = None
                busy = [s for s in slots if s is not None and s.entry is not None]
                multiprocessing.connection.wait([s.conn for s in busy], timeout=1.0)
                for i, slot in enumerate(slots):
                    if slot not in busy:
                        continue
                    outcome = slot.poll()
                    if outcome is None and time.monotonic() > slot.deadline:
                        outcome = {"status": ERROR, "started_at": time.time(), "seconds": None,
                                   "detail": f"grading took longer than {self.deadline:g} s and was stopped"}
                    if outcome is None:
                        continue
                    entry, slot.entry = slot.entry, None
                    if outcome["status"] == ERROR and not outcome.get("traceback"):
                        slot.stop(busy=True)  # dead or overrunning: it ends here
                        slots[i] = None
                        failed_starts = 0 if slot.ready else failed_starts + 1
                        if failed_starts >= MAX_FAILED_STARTS:
                            raise RuntimeError(f"{failed_starts} grading processes in a row ended before they were "
                                               "ready: see their error output above")
                    on_done(entry, outcome)
        finally:
            for slot in slots:
                if slot is not None:
                    slot.stop()


# -- Dask ---------------------------------------------------------------------------------------------
_dask_local = threading.local()


def grade_on_dask_worker(student_id: str, files: dict[str, bytes], options: dict) -> Outcome:
    """One Dask task: grade one submission with this worker thread's Grader (built on first use)."""
    boxes: dict = getattr(_dask_local, "boxes", None) or {}
    _dask_local.boxes = boxes
    key = tuple(sorted((k, repr(v)) for k, v in options.items()))
    if key not in boxes:
        boxes[key] = GraderBox(Options(**options))
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
                outcome = {"status": ERROR, "detail": f"the Dask task failed: {type(err).__name__}: {err}",
                           "started_at": time.time(), "seconds": None}
            future.release()
            on_done(entry, outcome)


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
                progress.TextColumn("{task.fields[rate]}"), progress.TimeElapsedColumn(), progress.TextColumn("ETA"),
                progress.TimeRemainingColumn(), console=console, transient=False)
            self.task = self.bar.add_task("grading", total=total, rate="")

    def __enter__(self) -> _Progress:
        if self.bar is not None:
            self.bar.start()
        return self

    def __exit__(self, *exc: object) -> None:
        if self.bar is not None:
            self.bar.stop()

    def advance(self, record: Record) -> None:
        self.done += 1
        self.errors += record.status == ERROR
        elapsed = time.monotonic() - self.start
        rate = self.done / elapsed if elapsed > 0 else 0.0
        if record.graded:
            what = f"{record.result.score:g}/{record.result.max_score:g}"
        else:
            what = f"{record.status}: {record.detail}"
        if self.bar is not None:
            if record.status == ERROR:
                self.bar.console.print(f"{record.student_id}: {what}", highlight=False, markup=False)
            errors = f" ({self.errors} errors)" if self.errors else ""
            self.bar.update(self.task, advance=1, description=f"grading{errors}", rate=f"{rate:.2f}/s")
            return
        eta = (self.total - self.done) / rate if rate > 0 else 0.0
        self.console.print(f"[{self.done}/{self.total}] {record.student_id}: {what} "
                           f"({record.seconds or 0:.1f} s; {rate:.2f}/s, ETA {_clock(eta)})",
                           highlight=False, markup=False)


def _clock(seconds: float) -> str:
    minutes, seconds = divmod(int(seconds + 0.5), 60)
    return f"{minutes // 60}:{minutes % 60:02d}:{seconds:02d}"


# -- the whole run ------------------------------------------------------------------------------------
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


def grade_all(submissions: str | Path, out: str | Path, *, options: Options | None = None,
              workers: int | None = None, db: str | Path | None = None, regrade: bool = False,
              scheduler: str | None = None, console: Console | None = None,
              deadline: float = SUBMISSION_DEADLINE, command: str = "") -> BulkResult:
    """Grade every submission under ``submissions`` that the gradebook does not already hold, write the
    exports into ``out`` and print the class summary."""
    from autograder.batch import exports

    start = time.monotonic()
    console = console or Console()
    options = options or Options()
    exercises = options.exercises()  # unknown --only ids fail here, before anything starts
    if scheduler is None:
        from autograder.core.grader import resolve_device

        # resolved here, so that the gradebook's configuration says which device graded
        options = replace(options, device=resolve_device(options.device))
    out = Path(out)
    # an output folder inside the submissions' folder is not a student
    entries = [e for e in discover(submissions) if Path(e.source).resolve() not in
               {out.resolve(), Path(db).resolve().parent if db else None}]
    config = options.config()
    key = config["key"]
    with Gradebook(db or out / "gradebook.db") as gradebook:
        workers = workers or default_workers()
        earlier = [run for run in gradebook.runs() if run["config_key"] == key]
        if earlier and earlier[-1]["kit_fingerprint"] != config["kit_fingerprint"] and not regrade:
            console.print("warning: the kit's grading files changed since the grades in this gradebook were "
                          "recorded; unchanged submissions keep their grades (--regrade grades everyone again)",
                          highlight=False, markup=False)
        run_id = gradebook.start_run(config, str(Path(submissions).resolve()),
                                     scheduler or f"local:{workers}", command or "grade-all")
        summary = BulkResult(run_id, [])
        todo = []
        for entry in entries:
            if not regrade and gradebook.is_done(entry.student_id, entry.content_hash, key):
                summary.skipped += 1
            elif entry.status != OK:
                gradebook.record(run_id, key, Record(entry.student_id, entry.status, entry.detail, entry.notes,
                                                     entry.source, entry.content_hash))
                summary.problems += 1
            else:
                todo.append(entry)
        where = f"on the Dask scheduler {scheduler}" if scheduler else f"in {min(workers, len(todo))} processes"
        console.print(f"{len(entries)} submissions in {submissions}: {len(todo)} to grade {where}, "
                      f"{summary.skipped} already graded and unchanged, {summary.problems} that cannot be graded",
                      highlight=False, markup=False)

        def on_done(entry: Entry, outcome: Outcome) -> None:
            from autograder.core.result import SubmissionResult

            result = SubmissionResult.from_dict(outcome["result"]) if outcome.get("result") else None
            record = Record(entry.student_id, outcome["status"], outcome.get("detail", ""), entry.notes,
                            entry.source, entry.content_hash, result, outcome.get("seconds"),
                            outcome.get("started_at"), time.time())
            gradebook.record(run_id, key, record)
            summary.graded_now += record.status == GRADED
            summary.errors += record.status == ERROR
            if outcome.get("traceback"):
                console.print(outcome["traceback"], highlight=False, markup=False)
            progress.advance(record)

        status = "interrupted"
        try:
            with _Progress(console, len(todo)) as progress:
                if todo and scheduler:
                    run_on_dask(scheduler, todo, options, on_done)
                elif todo:
                    LocalPool(min(workers, len(todo)), options, deadline).run(todo, on_done)
            status = "finished"
        finally:
            gradebook.finish_run(run_id, status)
        summary.records = gradebook.current([e.student_id for e in entries], key)
    summary.written = exports.write_all(out, summary.records, exercises)
    exports.print_summary(summary.records, exercises, console)
    summary.seconds = time.monotonic() - start
    console.print(f"{summary.graded_now} graded in {summary.seconds:.1f} s; exports in {out}/ (grades.csv, "
                  "results/, gradescope/, junit.xml, summary.md)", highlight=False, markup=False)
    return summary


if __name__ == "__main__":  # a grading process, started by LocalPool
    _process_main(multiprocessing.connection.Connection(int(sys.argv[1])), json.loads(sys.argv[2]))
