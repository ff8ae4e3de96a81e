"""Starting, talking to and killing worker processes, from the grader's side.

A student worker is forked by the runner (:mod:`autograder.sandbox.runner`), a warm process that imported PyTorch
once, inside bubblewrap where it works (:mod:`autograder.sandbox.isolation`). It runs in its own session, with a
scrubbed environment, in a private temporary directory, under resource limits, and talks to the grader
only over two pipes. The reference worker, which runs no student code, is a plain process of its own.
"""

from __future__ import annotations

import atexit
import contextlib
import itertools
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

from autograder.core.messages import ending, say
from autograder.core.status import Reply
from autograder.sandbox import cgroups

if TYPE_CHECKING:
    import torch

# No PyTorch at import time: the command line starts its workers before it imports PyTorch itself, so
# that the three imports (its own, the student worker's, the reference worker's) overlap.

PACKAGE_DIR = Path(__file__).resolve().parents[1]
_RUNNER_NUMBERS = itertools.count(1)
STARTUP_SECONDS = 120.0  # importing PyTorch on a loaded 2-core machine can take a while
# Loads the autograder package from its own folder without putting the kit's repository (and so
# solutions/) on the worker's import path, with the collector paused until the process's main starts it again
# (autograder.core.collector).
_BOOT = (
    "import gc; gc.disable(); import importlib.util, sys;"
    "spec = importlib.util.spec_from_file_location('autograder', sys.argv[1] + '/__init__.py',"
    " submodule_search_locations=[sys.argv[1]]);"
    "module = importlib.util.module_from_spec(spec); sys.modules['autograder'] = module;"
    "spec.loader.exec_module(module);"
    "from autograder.sandbox.worker import main; main(sys.argv[2:])"
)
_BOOT_RUNNER = _BOOT.replace("from autograder.sandbox.worker import main", "from autograder.sandbox.runner import main")
# Variables a worker needs; everything else (tokens, CI secrets, the grader's paths) stays out.
_PASSED_THROUGH = ("CUDA_VISIBLE_DEVICES", "OPENBLAS_CORETYPE", "OPENBLAS_L2_SIZE", "LD_LIBRARY_PATH")
# Workers compute on one thread by default: on a small shared machine PyTorch's and the BLAS libraries'
# thread pools fight over the cores and make timings swing tenfold; parallelism comes from grading
# several submissions at once instead. AUTOGRADER_WORKER_THREADS sets another count.
_THREAD_VARIABLES = ("OMP_NUM_THREADS", "MKL_NUM_THREADS", "OPENBLAS_NUM_THREADS")


class WorkerDied(Exception):
    """The worker exited or was killed by a signal while it was working."""

    def __init__(self, detail: str, output_tail: str = "") -> None:
        super().__init__(detail)
        self.detail = detail
        self.output_tail = output_tail


class WorkerTimeout(Exception):
    """The worker did not answer in time; it has been killed."""


class RunnerDied(Exception):
    """The runner (the warm process that forks student workers) stopped answering."""


class RunnerLink:
    """The grader's side of the runner (:mod:`autograder.sandbox.runner`): one per grader process, started on
    first use, inside bubblewrap when that isolation level is in force."""

    def __init__(self) -> None:
        self.proc: subprocess.Popen | None = None
        self.control: socket.socket | None = None
        self.level = ""
        self.lock = threading.Lock()
        self.ready = False
        self.bounds = ""  # how the runner bounds its workers, as it said when it started
        self.cgroup_root: cgroups.Root | None = None
        self.batch = False  # the runner will fork workers for many submissions (see _environment)

    def spawn(self) -> None:
        from autograder.sandbox import isolation

        self.level = isolation.level()
        isolation.protect_this_process()
        ours, theirs = socket.socketpair(socket.AF_UNIX, socket.SOCK_SEQPACKET)
        self.cgroup_root = cgroups.make_root(f"autograder-{os.getpid()}-{next(_RUNNER_NUMBERS)}")
        root = self.cgroup_root.to_argv() if self.cgroup_root is not None else ""
        argv = [sys.executable, "-I", "-c", _BOOT_RUNNER, str(PACKAGE_DIR), str(theirs.fileno()), self.level, root,
                os.environ.get("AUTOGRADER_NAMESPACES", "auto")]
        if self.level == "bubblewrap":
            writable = sorted(set(self.cgroup_root.folders.values())) if self.cgroup_root is not None else []
            argv = isolation.sandbox_command(argv, [isolation.KIT_ROOT / "datasets"],
                                             gpu=bool(list(Path("/dev").glob("nvidia*"))), writable=writable)
        self.proc = subprocess.Popen(argv, pass_fds=(theirs.fileno(),), stdin=subprocess.DEVNULL,
                                     stdout=subprocess.DEVNULL, stderr=self._log(), env=self._environment(),
                                     cwd=tempfile.gettempdir(), start_new_session=True)
        theirs.close()
        self.control = ours
        self.ready = False

    def _environment(self) -> dict[str, str]:
        """The runner's environment: a worker's, and for a batch glibc's heap in huge pages. A fork copies the
        page tables of the parent's private memory, and the child's end tears them down: with PyTorch
        imported the runner holds about 350 MB of it, 40 % of it its heap, and forks twice a submission (the
        worker's parent, then the worker). In pages of 2 MiB rather than 4 KiB, a fork and exit of the runner
        costs 17 to 22 ms rather than 25 to 29 (a worker writing to a huge page still copies 4 KiB of it:
        the kernel splits its entry first). The heap's pages, given at first touch, cost nothing to make;
        copying the rest into huge pages (MADV_COLLAPSE) took 0.7 to 1.7 s of a runner's time, more than 96
        submissions won back."""
        env = _worker_environment()
        if self.batch:
            env["GLIBC_TUNABLES"] = "glibc.malloc.hugetlb=1"
        return env

    def wait_ready(self) -> None:
        if self.proc is None:
            self.spawn()
        if not self.ready:
            reply = self._receive(STARTUP_SECONDS)
            if reply.get("status") != Reply.READY:
                raise RunnerDied(say("sandbox:runner_not_started", reply=reply))
            self.bounds = str(reply.get("bounds", ""))[:100]
            self.ready = True

    def _receive(self, timeout: float) -> dict:
        control = self.control
        if control is None:
            raise RunnerDied(say("sandbox:runner_not_running"))
        control.settimeout(timeout)
        try:
            data = control.recv(1 << 16)
        except (TimeoutError, OSError):
            data = b""
        if not data:
            self.stop()
            raise RunnerDied(say("sandbox:runner_silent", log=self._log_tail()))
        return json.loads(data)

    def ask(self, message: dict, fds: tuple[int, ...] = ()) -> dict:
        with self.lock:
            self.wait_ready()
            try:
                if self.control is None:
                    raise OSError("no runner")
                socket.send_fds(self.control, [json.dumps(message).encode()], list(fds))
            except OSError:
                self.stop()
                raise RunnerDied(say("sandbox:runner_gone")) from None
            return self._receive(60.0)

    def _log(self):
        """A file for what the runner itself prints (a pipe nobody reads would fill and stall it)."""
        self.log = tempfile.TemporaryFile()
        return self.log

    def _log_tail(self) -> str:
        try:
            self.log.seek(0, os.SEEK_END)
            self.log.seek(max(0, self.log.tell() - 1500))
            tail = self.log.read().decode("utf-8", "replace").strip()
        except (AttributeError, OSError, ValueError):
            return ""
        return f": {tail}" if tail else ""

    def stop(self) -> None:
        if self.proc is not None:
            _kill_session(self.proc)
            self.proc = None
        if self.control is not None:
            self.control.close()
            self.control = None
        if self.cgroup_root is not None:
            self.cgroup_root.remove()
            self.cgroup_root = None
        self.ready = False


_runner = RunnerLink()


def runner() -> RunnerLink:
    return _runner


def isolation_level() -> str:
    """The isolation level student workers get in this process (see :mod:`autograder.sandbox.isolation`)."""
    from autograder.sandbox import isolation

    return _runner.level or isolation.level()


def bounds() -> str:
    """How the runner bounds its workers (``own namespaces, cgroup v1``, ``counted``...), once it started."""
    return _runner.bounds


class WorkerProcess:
    """One worker process. ``role`` is ``"student"`` (forked by the runner, isolated and limited) or
    ``"reference"`` (a plain process that runs no student code, for timing the reference)."""

    def __init__(self, role: str) -> None:
        self.role = role
        self.proc: subprocess.Popen | None = None  # a reference worker
        self.pid: int | None = None  # a student worker, as the runner knows it
        self.ended: dict = {}
        self.ready = False
        self.request_w = self.reply_r = -1  # our ends of the worker's pipes (-1: none)
        self.tmp: Path | None = None  # a reference worker's working directory

    def start(self) -> None:
        """Start the worker and wait until it is ready for requests."""
        self.spawn()
        self.wait_ready()

    def spawn(self) -> None:
        """Start the worker without waiting for it: its start-up overlaps with the caller's work."""
        self.ready = False
        self.ended = {}
        request_r, self.request_w = os.pipe()
        self.reply_r, reply_w = os.pipe()
        try:
            if self.role == "student":
                self._fork(request_r, reply_w)
            else:
                self._spawn_reference(request_r, reply_w)
        finally:
            os.close(request_r)
            os.close(reply_w)
        os.set_blocking(self.request_w, False)

    def _fork(self, request_r: int, reply_w: int) -> None:
        from autograder.sandbox import isolation

        limits = isolation.limits_from_environment()
        reply = _runner.ask({"op": "fork", "limits": limits.to_dict(), "address_space_cap": _cpu_only()},
                            (request_r, reply_w))
        if reply.get("status") != Reply.OK:
            raise RunnerDied(say("sandbox:runner_no_worker", reply=reply))
        self.pid = int(reply["pid"])

    def _spawn_reference(self, request_r: int, reply_w: int) -> None:
        _remove_orphaned_folders()
        self.tmp = Path(tempfile.mkdtemp(prefix=f"{REFERENCE_FOLDER}{os.getpid()}-"))
        self.proc = subprocess.Popen(
            [sys.executable, "-I", "-c", _BOOT, str(PACKAGE_DIR), "--in", str(request_r), "--out", str(reply_w),
             "--role", self.role],
            pass_fds=(request_r, reply_w), stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL, cwd=self.tmp, env=_worker_environment(), start_new_session=True,
        )

    def wait_ready(self) -> None:
        if not self.ready:
            self._receive(time.monotonic() + STARTUP_SECONDS)
            self.ready = True

    @property
    def running(self) -> bool:
        if self.role == "student":
            return self.pid is not None
        return self.proc is not None and self.proc.poll() is None

    def request(self, header: dict, tensors: dict[str, torch.Tensor] | bytes | None = None,
                timeout: float | None = None) -> tuple[dict, dict[str, torch.Tensor]]:
        """Send one request and wait for its reply; kills the worker on a timeout or a broken reply."""
        return self.reply(self.send(header, tensors, timeout))

    def send(self, header: dict, tensors: dict[str, torch.Tensor] | bytes | None = None,
             timeout: float | None = None) -> float | None:
        """Send one request, whose reply :meth:`reply` reads (the worker starts on it meanwhile); returns the
        reply's deadline. One request at a time: its reply is read before the next is sent."""
        from autograder.sandbox import protocol

        if not self.running:
            self.spawn()
        self.wait_ready()
        deadline = None if timeout is None else time.monotonic() + timeout
        try:
            protocol.send(self.request_w, header, tensors, deadline)
        except (BrokenPipeError, protocol.ChannelTimeout):
            self._fail()
        return deadline

    def reply(self, deadline: float | None) -> tuple[dict, dict[str, torch.Tensor]]:
        """The reply to the request :meth:`send` sent, by ``deadline`` (``time.monotonic()``)."""
        return self._receive(deadline)

    def _receive(self, deadline: float | None) -> tuple[dict, dict[str, torch.Tensor]]:
        from autograder.sandbox import protocol

        try:
            return protocol.receive(self.reply_r, deadline, max_tree=protocol.MAX_TREE_BYTES)
        except protocol.ChannelTimeout:
            self.kill()
            raise WorkerTimeout() from None
        except (protocol.ChannelClosed, protocol.ProtocolError) as err:
            self._fail(malformed=isinstance(err, protocol.ProtocolError))

    def _fail(self, malformed: bool = False) -> NoReturn:
        """The worker stopped answering: say how it ended."""
        if self.role == "student":
            # give a worker that is exiting a moment to finish, so that its status says how it ended
            deadline = time.monotonic() + 2.0
            try:
                while time.monotonic() < deadline and not malformed:
                    status = _runner.ask({"op": "status", "pid": self.pid})
                    if not status.get("alive", False):
                        break
                    time.sleep(0.02)
            except RunnerDied:
                pass  # the worker took its runner down with it: kill() says so, the next fork restarts it
            self.kill()
            raise WorkerDied(_how_it_ended(self.ended, malformed), str(self.ended.get("output", "")))
        try:
            code = self.proc.wait(timeout=2) if self.proc is not None else None
        except subprocess.TimeoutExpired:
            code = None
        self.kill()
        detail = say("sandbox:malformed_reply") if code is None else say("sandbox:worker_ended", how=ending(code))
        raise WorkerDied(detail, "")

    def freeze(self) -> None:
        """Stop every process of the worker (while the reference is timed); :meth:`thaw` resumes them."""
        self._signal("stop")

    def thaw(self) -> None:
        self._signal("cont")

    def _signal(self, op: str) -> None:
        if self.pid is not None:
            try:
                _runner.ask({"op": op, "pid": self.pid})
            except RunnerDied:
                pass  # the worker is gone with its runner: the next request says so

    def kill(self) -> None:
        """End the worker and everything it started, and remove its files."""
        if self.pid is not None:
            try:
                self.ended = _runner.ask({"op": "kill", "pid": self.pid})
            except RunnerDied:
                self.ended = {}
            if self.ended.get("status") != Reply.OK:  # the runner that started it died (and took it along)
                self.ended = {"ended": "was lost with the runner that started it"}
            self.pid = None
        if self.proc is not None:
            _kill_session(self.proc)
            self.proc = None
        if self.tmp is not None:
            shutil.rmtree(self.tmp, ignore_errors=True)
            self.tmp = None
        for fd in (self.request_w, self.reply_r):
            if fd >= 0:
                try:
                    os.close(fd)
                except OSError:
                    pass
        self.request_w = self.reply_r = -1

    def close(self) -> None:
        """Workers hold nothing worth a clean shutdown: ending them at once saves PyTorch's teardown."""
        self.kill()


REFERENCE_FOLDER = "autograder-reference-"  # then the pid of the process that made it, then a random part
ORPHAN_SECONDS = 3600.0


def _remove_orphaned_folders() -> None:
    """Remove the reference workers' folders of processes that are gone: one killed outright (SIGKILL, a
    grading process replaced) never ran :meth:`WorkerProcess.kill`, and its folder stayed in the temporary
    directory (62 in a day of test runs here). Only those untouched for an hour: a process of another PID
    namespace that shares this temporary directory could have the pid of one gone here."""
    old = time.time() - ORPHAN_SECONDS
    for folder in Path(tempfile.gettempdir()).glob(f"{REFERENCE_FOLDER}*-*"):
        pid = folder.name.removeprefix(REFERENCE_FOLDER).split("-", 1)[0]
        with contextlib.suppress(OSError):
            if pid.isdigit() and not _alive(int(pid)) and folder.stat().st_mtime < old:
                shutil.rmtree(folder, ignore_errors=True)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        pass  # another user's
    return True


def _kill_session(proc: subprocess.Popen) -> None:
    """Kill a process started in a session of its own, with everything in that session, and reap it."""
    try:
        os.killpg(proc.pid, signal.SIGKILL)
    except ProcessLookupError:
        pass
    proc.wait()


def _worker_environment() -> dict[str, str]:
    env = {k: os.environ[k] for k in _PASSED_THROUGH if k in os.environ}
    threads = os.environ.get("AUTOGRADER_WORKER_THREADS", "1")
    env.update({name: threads for name in _THREAD_VARIABLES})
    env.update(PATH="/usr/local/bin:/usr/bin:/bin", HOME=tempfile.gettempdir(), LANG="C.UTF-8")
    return env


def _cpu_only() -> bool:
    """No CUDA device is visible to workers: an address-space cap is safe (CUDA needs huge mappings)."""
    return not list(Path("/dev").glob("nvidia*")) or os.environ.get("CUDA_VISIBLE_DEVICES") == ""


def _how_it_ended(ended: dict, malformed: bool) -> str:
    """Why a student worker stopped answering, in the grader's language, from what its runner said (the runner
    sends codes: it speaks no language)."""
    from autograder.sandbox import isolation

    limits = isolation.limits_from_environment()
    reason = {"memory": lambda: say("sandbox:over_memory", bound_mb=limits.memory_bytes >> 20),
              "tasks": lambda: say("sandbox:over_tasks", count=limits.processes)}.get(str(ended.get("reason")))
    if reason is not None:
        return say("sandbox:stopped_by_runner", reason=reason())
    if ended.get("signal") == "SIGXFSZ":
        return say("sandbox:wrote_too_much", bound_mb=limits.file_bytes >> 20)
    if ended.get("signal") == "SIGXCPU":
        return say("sandbox:cpu_time", seconds=limits.cpu_seconds)
    if malformed:
        return say("sandbox:malformed_reply")
    code = ended.get("code")
    return say("sandbox:worker_ended", how=ending(code if isinstance(code, int) and not isinstance(code, bool)
                                                  else None))


_spares: dict[str, list[WorkerProcess]] = {}


def prespawn(role: str, *, batch: bool = False) -> None:
    """Start a worker now for a later :func:`take`, so that its start-up overlaps with the caller's.
    A student worker is forked by the runner in milliseconds: what is worth starting early is the runner,
    told with ``batch`` that this process will grade many submissions."""
    if role == "student":
        _runner.batch = _runner.batch or batch
        if _runner.proc is None:
            _runner.spawn()
        return
    worker = WorkerProcess(role)
    worker.spawn()
    _spares.setdefault(role, []).append(worker)


def take(role: str) -> WorkerProcess:
    """A started worker of this role: a spare from :func:`prespawn` if one is still alive, else a new one."""
    spares = _spares.get(role, [])
    while spares:
        worker = spares.pop()
        if worker.running:
            return worker
        worker.kill()
    worker = WorkerProcess(role)
    worker.spawn()
    return worker


def discard_spares() -> None:
    for spares in _spares.values():
        while spares:
            spares.pop().kill()
    _runner.stop()


atexit.register(discard_spares)
