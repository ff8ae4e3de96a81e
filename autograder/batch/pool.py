"""The local way to grade a class: N grading processes, each owning one
:class:`~autograder.core.grader.Grader` (and so its own warm runner that forks an isolated worker per
submission), each importing PyTorch once.

A process that dies or overruns its deadline is replaced; its submission gets the status ``error`` (the
next run tries it again) and the batch goes on. A grading process is a fresh interpreter
(``python -m autograder.batch.pool FD OPTIONS``), not a multiprocessing child: the fork server and spawn
methods would import the caller's main script in every process, which breaks (or recurses) when
``grade_all`` is called from a script, a notebook or standard input.
"""

from __future__ import annotations

import contextlib
import json
import math
import multiprocessing
import multiprocessing.connection
import os
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import traceback
from collections import deque
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

from autograder.batch.discovery import Entry
from autograder.batch.options import PACKAGE, Options
from autograder.core import collector
from autograder.core.messages import ending, say
from autograder.core.status import Reply, SubmissionStatus

if TYPE_CHECKING:
    from autograder.core.grader import Grader

SUBMISSION_DEADLINE = 30 * 60.0  # seconds one submission may take before its grading process is replaced
MAX_FAILED_STARTS = 3  # grading processes in a row that die before they are ready: the machine is the problem
SLOT_MEMORY = 3 << 29  # bytes one grading process needs with its workers (three PyTorch processes): 1.5 GiB
# idle cores below which no grading process is started, whatever the work left (a busy machine has none to
# give); above it, LocalPool weighs what another would grade against what its start costs
IDLE_FOR_ANOTHER = 0.2
# a grading process's start keeps this many cores busy: it and its runner import PyTorch side by side
START_CORES = 2

Outcome = dict[str, Any]  # what a grading process sends back for one submission: plain data only


def _cpus() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def idle_cores() -> float:
    """Cores that no process wants now (the CPUs this process may use, less the 1-minute load average)."""
    try:
        return _cpus() - os.getloadavg()[0]
    except OSError:
        return float(_cpus())


def cpu_times(stat: str = "/proc/stat", cpus: set[int] | None = None) -> tuple[int, int] | None:
    """The idle and total time since boot of the CPUs this process may use (``cpus``: its affinity), in clock
    ticks, from the kernel's per-CPU lines; ``None`` where the kernel does not say. A machine's other CPUs
    (a container's cpuset, a narrowed affinity) idle for nobody this pool could start."""
    if cpus is None:
        try:
            cpus = os.sched_getaffinity(0)
        except AttributeError:  # not on Linux
            cpus = set()
    idle = total = 0
    try:
        with open(stat, encoding="ascii") as lines:
            for line in lines:
                name, *values = line.split()
                if not name.startswith("cpu") or not name[3:].isdigit() or (cpus and int(name[3:]) not in cpus):
                    continue
                ticks = [int(value) for value in values[:8]]
                if len(ticks) != 8:
                    return None
                idle, total = idle + ticks[3] + ticks[4], total + sum(ticks)  # idle and I/O wait, of every state
    except (OSError, ValueError):
        return None
    return (idle, total) if total else None


class IdleMeter:
    """Cores idle over the last few seconds, from the kernel's counters: what no process uses, this pool's
    or another's, on the CPUs this process may use. The load average counts the pool's own processes (one
    grading process, its worker and its runner keep a 2-core machine's above 1 while an eighth of it idles)
    and lags a minute behind."""

    WINDOW = 2.0  # seconds of the whole machine's time: shorter windows measure one submission's moments

    def __init__(self) -> None:
        self._start = cpu_times()
        self._measured: float | None = None

    def cores(self) -> float:
        """Idle cores over the last window that ended; the load average's until one has."""
        now = cpu_times()
        if now is None or self._start is None:
            return idle_cores()
        idle, total = now[0] - self._start[0], now[1] - self._start[1]
        if total >= self.WINDOW * os.sysconf("SC_CLK_TCK") * _cpus():
            self._measured = _cpus() * idle / total
            self._start = now
        return self._measured if self._measured is not None else idle_cores()


def default_workers() -> int:
    """One grading process per CPU core this process may use, as far as memory allows."""
    cpus = _cpus()
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
        self.grader: Grader | None = None  # built by the first grade(), dropped by close()

    def grade(self, student_id: str, files: dict[str, bytes]) -> Outcome:
        started, clock = time.time(), time.monotonic()
        folder = Path(tempfile.mkdtemp(prefix="autograder-bulk-"))
        try:
            for name, data in files.items():
                (folder / Path(name).name).write_bytes(data)
            if self.grader is None:
                self.grader = self._build()
            result = self.grader.grade(folder)
            result.submission = student_id
            outcome: Outcome = {"status": SubmissionStatus.GRADED, "result": result.to_dict()}
        except Exception as err:
            self.close()
            outcome = {"status": SubmissionStatus.ERROR,
                       "detail": say("pool:grader_failed", type=type(err).__name__, message=err),
                       "traceback": traceback.format_exc(limit=8)}
        finally:
            shutil.rmtree(folder, ignore_errors=True)
        outcome.update(started_at=started, seconds=round(time.monotonic() - clock, 3))
        return outcome

    def prepare(self) -> None:
        """Build the grader now (its PyTorch import, its reference worker's start, its warm-up), while the
        runner starts, rather than at the first submission. A grader that cannot be built is left to the
        first submission, whose error it becomes."""
        if self.grader is None:
            with contextlib.suppress(Exception):
                self.grader = self._build()
                self.grader.warm_up()

    def _build(self) -> Grader:
        from autograder.core.grader import Grader

        return Grader(seed=self.options.grading_seed(), device=self.options.device,
                      exercises=self.options.exercises(), timing_enabled=self.options.timing,
                      secret=self.options.secret)

    def close(self) -> None:
        grader, self.grader = self.grader, None
        if grader is not None:
            with contextlib.suppress(Exception):
                grader.close()


# -- a grading process --------------------------------------------------------------------------------
def _process_main(conn: multiprocessing.connection.Connection, options: dict) -> None:
    """A grading process: grade the submissions it is sent, one at a time, until told to stop."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the coordinator's to handle

    def stop(signum: int, frame: Any) -> None:
        raise SystemExit(128 + signum)  # unwinds through the grader, which ends its workers

    signal.signal(signal.SIGTERM, stop)
    _watch_parent()
    from autograder.sandbox import launcher

    launcher.prespawn("student", batch=True)  # the warm runner imports PyTorch while this process does too
    box = GraderBox(Options(**options))
    try:
        with collector.paused():
            box.prepare()  # PyTorch imported here while the runner imports it
        with contextlib.suppress(Exception):  # a runner that cannot start says so at the first submission
            launcher.runner().wait_ready()
        conn.send({"status": Reply.READY})
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


# -- the coordinator's side ---------------------------------------------------------------------------
@dataclass(eq=False)
class _Slot:
    process: subprocess.Popen
    conn: multiprocessing.connection.Connection
    allowed: float  # seconds one submission may take
    entry: Entry | None = None
    ready: bool = False  # PyTorch imported and the runner started: the submission's clock runs
    deadline: float = math.inf
    stopping: bool = False  # told to finish: it takes no more work
    started: float = field(default_factory=time.monotonic)
    startup: float | None = None  # seconds from its start to its ready

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
                if message.get("status") != Reply.READY:
                    return message
                self.ready, self.deadline = True, time.monotonic() + self.allowed
                self.startup = time.monotonic() - self.started
            return None
        except (EOFError, OSError):
            pass
        try:
            code = self.process.wait(timeout=2.0)
        except subprocess.TimeoutExpired:
            code = None
        how = say("ended_silent") if code is None else ending(code)
        return {"status": SubmissionStatus.ERROR, "detail": say("pool:process_ended", how=how),
                "started_at": time.time(), "seconds": None}

    def ask_to_stop(self) -> None:
        """Tell the process to finish once it is done with its submission (it takes no other)."""
        if not self.stopping:
            self.stopping = True
            with contextlib.suppress(OSError, ValueError):
                self.conn.send(None)

    def stop(self, busy: bool = False) -> None:
        """Ask the process to finish (or, ``busy``, stop it at once), and make sure it is gone."""
        self.ask_to_stop()
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


class LocalPool:
    """``workers`` grading processes; :meth:`run` hands each a submission as soon as it is free.

    ``gradual``: as many start at once as idle cores allow two each (at least one), and another only while
    :data:`IDLE_FOR_ANOTHER` cores idle (:class:`IdleMeter`), once those started are ready, when the work
    left, at the seconds per submission measured so far, would outlast a process's start-up (as the slowest
    took), and when what the idle cores would let it grade outweighs what its start takes from the others.
    Each process imports PyTorch twice (itself and its runner): started together on a few busy cores, they
    slow each other's start, and then each other's submissions, more than the class gains from them. (On 2
    cores one process, its grader judging a case while its worker runs the next, leaves about a quarter of
    the machine idle: at 0.17 s a submission a second pays for its start with about a hundred submissions
    left. Measured on 96 such submissions: 16.9 s with one process, 19.0 s when a second joined, medians of
    5 alternating pairs.)"""

    def __init__(self, workers: int, options: Options, deadline: float = SUBMISSION_DEADLINE,
                 gradual: bool = False) -> None:
        self.workers = max(1, workers)
        self.options = options
        self.deadline = deadline
        self.gradual = gradual
        self.slots: list[_Slot | None] = []
        self._seconds: list[float] = []  # each submission graded so far: what grading one costs here
        self._idle = IdleMeter()

    def _start(self) -> _Slot:
        ours, theirs = socket.socketpair()
        env = dict(os.environ)  # the engine importable whatever the current folder
        env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(PACKAGE.parent), env.get("PYTHONPATH")]))
        # -P and a neutral folder: nothing is imported from where grade-all was started (a student's
        # rich/__init__.py in the submissions folder must not load in a grading process)
        process = subprocess.Popen([sys.executable, "-P", "-m", "autograder.batch.pool", str(theirs.fileno()),
                                    json.dumps(asdict(self.options))], pass_fds=(theirs.fileno(),),
                                   stdin=subprocess.DEVNULL, env=env, cwd="/")
        theirs.close()
        return _Slot(process, multiprocessing.connection.Connection(ours.detach()), self.deadline)

    def _worth_another(self, slots: list[_Slot | None], waiting: int) -> bool:
        """Whether one more process pays for its start-up (``gradual``): see the class's docstring."""
        running = [s for s in slots if s is not None]
        if not running or not self._seconds or not all(s.ready for s in running):
            return False
        startup = max(s.startup or 0.0 for s in running)
        left = waiting * statistics.mean(self._seconds) / len(running)  # wall seconds of work, at this pace
        idle = self._idle.cores()
        if left <= startup or idle < IDLE_FOR_ANOTHER:
            return False
        busy = max(_cpus() - idle, 0.1)  # the cores the running processes keep busy
        # what it can add: the idle cores, at most as many as one of them keeps busy; what its start takes from
        # them: two imports of PyTorch side by side (its own, its runner's), beyond what the idle cores absorb
        gain = left * (1 - busy / (busy + min(idle, busy / len(running))))
        cost = max(0.0, START_CORES * startup - idle * startup) / busy
        return gain > cost

    def _fill(self, slots: list[_Slot | None], queue: deque[Entry]) -> None:
        """Give every idle process the next submission waiting."""
        for i, slot in enumerate(slots):
            while queue and (slot is None or slot.entry is None):
                if slot is None:  # a process that died or overran is replaced when there is work
                    slots[i] = slot = self._start()
                if slot.assign(queue[0]):
                    queue.popleft()
                else:  # it died before it could take the work: the work waits for a new process
                    slot.stop(busy=True)
                    slots[i] = slot = None

    def run(self, entries: Sequence[Entry], on_done: Callable[[Entry, Outcome], None]) -> None:
        queue = deque(entries)
        wanted = min(self.workers, len(queue))
        first = max(1, min(wanted, int(idle_cores() // 2))) if self.gradual else wanted
        slots: list[_Slot | None] = [self._start() for _ in range(first)]
        self.slots = slots
        failed_starts = 0
        failure: RuntimeError | None = None
        try:
            while queue or any(s is not None and s.entry is not None for s in slots):
                if len(slots) < wanted and self._worth_another(slots, len(queue)):
                    slots.append(self._start())
                self._fill(slots, queue)
                if not queue:  # no work left for the idle ones: they end now, beside the last submissions
                    for slot in slots:
                        if slot is not None and slot.entry is None:
                            slot.ask_to_stop()
                busy = [s for s in slots if s is not None and s.entry is not None]
                multiprocessing.connection.wait([s.conn for s in busy], timeout=1.0)
                finished: list[tuple[Entry, Outcome]] = []
                for i, slot in enumerate(slots):
                    if slot not in busy:
                        continue
                    outcome = slot.poll()
                    if outcome is None and time.monotonic() > slot.deadline:
                        outcome = {"status": SubmissionStatus.ERROR, "started_at": time.time(), "seconds": None,
                                   "detail": say("pool:deadline", limit=self.deadline)}
                    if outcome is None:
                        continue
                    # a slot in busy holds an entry, and poll() leaves it there
                    entry, slot.entry = cast(Entry, slot.entry), None
                    if outcome["status"] == SubmissionStatus.GRADED and outcome.get("seconds") is not None:
                        self._seconds.append(outcome["seconds"])
                    if outcome["status"] == SubmissionStatus.ERROR and not outcome.get("traceback"):
                        slot.stop(busy=True)  # dead or overrunning: it ends here
                        slots[i] = None
                        failed_starts = 0 if slot.ready else failed_starts + 1
                        if failed_starts >= MAX_FAILED_STARTS:
                            failure = RuntimeError(say("pool:failed_starts", count=failed_starts))
                    finished.append((entry, outcome))
                # the next submissions go out before these are recorded (6 ms each, the gradebook's commit):
                # the grading processes work meanwhile
                if failure is None:
                    self._fill(slots, queue)
                for entry, outcome in finished:  # recorded, even those of a run that ends here
                    on_done(entry, outcome)
                if failure is not None:
                    raise failure
        finally:
            for slot in slots:  # every one told first, then each waited for: they end together
                if slot is not None:
                    slot.ask_to_stop()
            for slot in slots:
                if slot is not None:
                    slot.stop()


if __name__ == "__main__":  # a grading process, started by LocalPool
    _process_main(multiprocessing.connection.Connection(int(sys.argv[1])), json.loads(sys.argv[2]))
    # its workers and runner are gone: the interpreter's own teardown (PyTorch's) would only keep the
    # coordinator waiting
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(0)
