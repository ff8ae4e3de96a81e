"""The runner: a warm process that imports PyTorch once, then forks one fresh worker per student.

It is started by the grader (inside bubblewrap when that isolation level is in force) and obeys it over a
Unix socket: ``fork`` (a new student worker, whose two pipe ends arrive with the request), ``kill``,
``stop``/``cont`` (frozen while the reference is timed, so that a thread it left running cannot slow the
reference down) and ``status``. It never runs student code itself and holds nothing worth stealing: no
references, solutions, grades or secrets, since a forked child inherits all of its memory.

Every child starts a new session, gets its own empty directory, its resource limits and its output log;
the runner watches its resident memory and, being a child subreaper, adopts and kills whatever a child
left behind (orphans that escaped its session included) when that child ends.
"""

from __future__ import annotations

import ctypes
import json
import os
import select
import shutil
import signal
import socket
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

from autograder.core.messages import ending
from autograder.core.status import Reply
from autograder.sandbox import isolation

_PR_SET_PDEATHSIG = 1
_PR_SET_CHILD_SUBREAPER = 36
WATCH_SECONDS = 0.2
MAX_CONTROL_BYTES = 1 << 16
OUTPUT_TAIL = 2000


def _prctl(option: int, value: int) -> None:
    try:
        ctypes.CDLL(None, use_errno=True).prctl(option, value, 0, 0, 0)
    except (OSError, AttributeError):
        pass


class Child:
    def __init__(self, pid: int, workdir: Path, limits: dict) -> None:
        self.pid = pid
        self.workdir = workdir
        self.memory_bytes = int(limits["memory_bytes"])
        self.processes = int(limits["processes"])
        self.status: int | None = None  # the wait status once reaped
        self.reason = ""  # why the runner killed it, when it did


def _processes() -> list[tuple[int, int, int]]:
    """(pid, parent pid, session id) of every process this runner can see."""
    found = []
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as stat:
                fields = stat.read().rsplit(")", 1)[1].split()
        except (OSError, IndexError):
            continue
        found.append((int(entry), int(fields[1]), int(fields[3])))
    return found


def _private_bytes(pids: list[int]) -> int:
    """Memory the processes hold of their own: a forked worker shares the runner's pages (PyTorch's
    libraries, several hundred MB), which its resident size would count again in every process."""
    total = 0
    for pid in pids:
        try:
            with open(f"/proc/{pid}/smaps_rollup") as rollup:
                total += sum(int(line.split()[1]) << 10 for line in rollup
                             if line.startswith(("Private_Clean:", "Private_Dirty:", "Swap:")))
        except (OSError, IndexError, ValueError):
            pass
    return total


def _describe(status: int | None) -> str:
    return ending(None if status is None else os.waitstatus_to_exitcode(status))


class Runner:
    def __init__(self, control: socket.socket, level: str) -> None:
        self.control = control
        self.level = level
        self.children: dict[int, Child] = {}
        self.root = Path(tempfile.gettempdir())

    # -- the child's side -----------------------------------------------------------------------------
    def _become_worker(self, fds: list[int], workdir: Path, limits: dict, address_space_cap: bool) -> None:
        request_r, reply_w = fds
        os.setsid()
        self.control.close()
        log = os.open(workdir / "output.log", os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        null = os.open(os.devnull, os.O_RDONLY)
        os.dup2(null, 0)
        os.dup2(log, 1)
        os.dup2(log, 2)
        keep = {0, 1, 2, request_r, reply_w}
        for fd in range(3, max(keep) + 64):
            if fd not in keep:
                try:
                    os.close(fd)
                except OSError:
                    pass
        os.closerange(max(keep) + 64, 4096)
        os.chdir(workdir / "work")
        os.environ.update(HOME=str(workdir / "work"), TMPDIR=str(workdir / "work"))
        _prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
        isolation.apply_limits(limits, address_space_cap)
        isolation.drop_privileges()
        from autograder.sandbox import worker

        worker.main(["--in", str(request_r), "--out", str(reply_w), "--role", "student"])

    # -- requests -------------------------------------------------------------------------------------
    def fork(self, message: dict, fds: list[int]) -> dict:
        if len(fds) != 2:
            return {"status": Reply.ERROR, "message": "fork needs two file descriptors"}
        workdir = Path(tempfile.mkdtemp(prefix="student-", dir=self.root))
        (workdir / "work").mkdir()
        limits = message["limits"]
        pid = os.fork()
        if pid == 0:
            code = 0
            try:
                self._become_worker(fds, workdir, limits, bool(message.get("address_space_cap")))
            except BaseException:
                code = 70
            finally:
                os._exit(code)
        for fd in fds:
            os.close(fd)
        self.children[pid] = Child(pid, workdir, limits)
        return {"status": Reply.OK, "pid": pid}

    def kill(self, message: dict) -> dict:
        child = self.children.pop(int(message["pid"]), None)
        if child is None:
            return {"status": Reply.UNKNOWN}
        self._end(child)
        self._clean_up()
        tail = ""
        try:
            with open(child.workdir / "output.log", "rb") as log:
                log.seek(max(0, os.path.getsize(log.name) - OUTPUT_TAIL))
                tail = log.read().decode("utf-8", "replace")
        except OSError:
            pass
        shutil.rmtree(child.workdir, ignore_errors=True)
        return {"status": Reply.OK, "ended": _describe(child.status), "reason": child.reason, "output": tail,
                "signal": signal.Signals(os.WTERMSIG(child.status)).name
                if child.status is not None and os.WIFSIGNALED(child.status) else ""}

    def signal_group(self, message: dict, signum: int) -> dict:
        child = self.children.get(int(message["pid"]))
        if child is None or child.status is not None:
            return {"status": Reply.UNKNOWN}
        for pid, _, session in _processes():
            if session == child.pid:
                try:
                    os.kill(pid, signum)
                except ProcessLookupError:
                    pass
        return {"status": Reply.OK}

    def status(self, message: dict) -> dict:
        child = self.children.get(int(message["pid"]))
        if child is None:
            return {"status": Reply.UNKNOWN}
        self._reap()
        return {"status": Reply.OK, "alive": child.status is None, "ended": _describe(child.status),
                "reason": child.reason}

    # -- housekeeping ---------------------------------------------------------------------------------
    def _end(self, child: Child) -> None:
        """Kill the child's whole session and wait for the child itself."""
        for pid, _, session in _processes():
            if session == child.pid or pid == child.pid:
                try:
                    os.kill(pid, signal.SIGKILL)
                except ProcessLookupError:
                    pass
        if child.status is None:
            try:
                _, status = os.waitpid(child.pid, 0)
                child.status = status
            except ChildProcessError:
                pass

    def _clean_up(self) -> None:
        """Kill and reap every process that is neither this runner nor a live child's session: orphans
        adopted from a child that ended, whatever session they made for themselves."""
        me = os.getpid()
        # a live child is spared even before its setsid(): until then its session is the runner's
        live_sessions = {c.pid for c in self.children.values() if c.status is None}
        for _ in range(50):
            strays = [pid for pid, parent, session in _processes()
                      if pid not in (me, 1) and pid not in live_sessions and parent != 0
                      and session not in live_sessions and self._descends_from_me(pid, parent)]
            if not strays:
                break
            for pid in strays:
                try:
                    os.kill(pid, signal.SIGKILL)
                except ProcessLookupError:
                    pass
            self._reap()
        self._reap()
        if self.level == "bubblewrap" and not live_sessions:
            # the sandbox's /tmp and /dev/shm are shared by the runner's children: empty them between students
            for folder in (self.root, Path("/dev/shm")):
                for entry in folder.iterdir() if folder.exists() else ():
                    if entry.is_dir() and not entry.is_symlink():
                        shutil.rmtree(entry, ignore_errors=True)
                    else:
                        entry.unlink(missing_ok=True)

    def _descends_from_me(self, pid: int, parent: int) -> bool:
        # adopted orphans have this runner (a subreaper) as parent; their own children hang below them
        return parent == os.getpid() or self.level == "bubblewrap"

    def _reap(self) -> None:
        while True:
            try:
                pid, status = os.waitpid(-1, os.WNOHANG)
            except ChildProcessError:
                return
            if pid == 0:
                return
            for child in self.children.values():
                if child.pid == pid:
                    child.status = status

    def _watch_memory(self) -> None:
        processes = _processes()
        for child in self.children.values():
            if child.status is not None:
                continue
            members = [pid for pid, _, session in processes if session == child.pid]
            # RLIMIT_NPROC does not bind root, and many graders run as root: count processes here too
            if len(members) > child.processes:
                child.reason = f"it started more than {child.processes} processes"
            elif _private_bytes(members) > child.memory_bytes:
                child.reason = f"it used more than {child.memory_bytes >> 20} MiB of memory"
            if child.reason:
                self._end(child)

    def serve(self) -> None:
        handlers: dict[str, Callable[..., dict]] = {"fork": self.fork, "kill": self.kill, "status": self.status,
                    "stop": lambda m: self.signal_group(m, signal.SIGSTOP),
                    "cont": lambda m: self.signal_group(m, signal.SIGCONT)}
        self.control.sendall(json.dumps({"status": Reply.READY, "isolation": self.level}).encode())
        while True:
            live = any(c.status is None for c in self.children.values())
            readable, _, _ = select.select([self.control], [], [], WATCH_SECONDS if live else None)
            self._reap()
            if live:
                self._watch_memory()
            if not readable:
                continue
            try:
                data, fds, _, _ = socket.recv_fds(self.control, MAX_CONTROL_BYTES, 2)
            except OSError:
                data, fds = b"", []
            if not data:
                break  # the grader went away
            message = json.loads(data)
            op = message.get("op")
            handler = handlers.get(op)
            if handler is None:
                reply = {"status": Reply.ERROR, "message": "unknown op"}
            else:
                reply = handler(message, fds) if op == "fork" else handler(message)
            self.control.sendall(json.dumps(reply).encode())
        for child in list(self.children.values()):
            self._end(child)
        self._clean_up()


def _preload() -> None:
    """What every worker needs, imported once here instead of once per student."""
    import numpy  # noqa: F401
    import safetensors.torch  # noqa: F401
    import torch  # noqa: F401
    import torch.autograd.profiler_legacy  # noqa: F401
    import torch.nn.functional  # noqa: F401

    from autograder.sandbox import worker  # noqa: F401

    try:
        import torchvision  # noqa: F401
    except ImportError:
        pass


def main(argv: list[str]) -> None:
    fd, level = int(argv[0]), argv[1]
    _prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
    _prctl(_PR_SET_CHILD_SUBREAPER, 1)
    control = socket.socket(fileno=fd)
    _preload()
    Runner(control, level).serve()


if __name__ == "__main__":
    main(sys.argv[1:])
