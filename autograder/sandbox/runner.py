"""The runner: a warm process that imports PyTorch once, then forks one fresh worker per student.

It is started by the grader (inside bubblewrap when that isolation level is in force) and obeys it over a
Unix socket: ``fork`` (a new student worker, whose two pipe ends arrive with the request), ``kill``,
``stop``/``cont`` (frozen while the reference is timed, so that a thread it left running cannot slow the
reference down) and ``status``. It never runs student code itself and holds nothing worth stealing: no
references, solutions, grades or secrets, since a forked child inherits all of its memory.

Every child gets its own namespaces where the kernel allows them (:mod:`autograder.sandbox.namespaces`:
it is then PID 1 of its own PID namespace, and everything it starts dies with it), a group of its own in
the control groups where the grader could make them (:mod:`autograder.sandbox.cgroups`: tasks, memory
with tmpfs, freezer), its resource limits, a seccomp filter (:mod:`autograder.sandbox.seccomp`) and its
output log. Where either is missing the runner counts instead: every task of the worker (threads
included, whatever session it made), its private memory and its tmpfs, every 0.2 s; and, being a child
subreaper, it adopts and kills whatever a child left behind when that child ends. The runner is made
non-dumpable and stays outside the worker's PID namespace: the worker can neither signal nor trace it.
"""

from __future__ import annotations

import ctypes
import json
import os
import resource
import select
import shutil
import signal
import socket
import sys
import tempfile
import traceback
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

from autograder.core import collector
from autograder.core.status import Reply
from autograder.sandbox import cgroups, isolation, namespaces, seccomp

if TYPE_CHECKING:
    from autograder.sandbox.worker import Seal  # imported with PyTorch, by _preload

_PR_SET_PDEATHSIG = 1
_PR_SET_DUMPABLE = 4
_PR_SET_CHILD_SUBREAPER = 36
WATCH_SECONDS = 0.2
MAX_CONTROL_BYTES = 1 << 16
OUTPUT_TAIL = 2000
# a worker's own pages (the interpreter's copies of pages shared with the runner) on top of the student's
# memory bound, in its control group
WORKER_OWN_BYTES = 256 << 20


def _prctl(option: int, value: int) -> None:
    try:
        ctypes.CDLL(None, use_errno=True).prctl(option, value, 0, 0, 0)
    except (OSError, AttributeError):
        pass


class Child:
    """A worker: ``pid`` is the process that runs student code, ``waiter`` the runner's own child that
    ends as it ends (the same process without namespaces)."""

    def __init__(self, pid: int, waiter: int, workdir: Path, limits: dict, group: cgroups.WorkerGroup | None,
                 namespaced: bool) -> None:
        self.pid = pid
        self.waiter = waiter
        self.workdir = workdir
        self.memory_bytes = int(limits["memory_bytes"])
        self.processes = int(limits["processes"])
        self.group = group
        self.namespaced = namespaced
        self.pid_namespace = ""  # read from the worker once it may be read (see namespace())
        self.worker = pid  # the process that runs student code (PID 2 of the namespace, when it has one)
        self.status: int | None = None  # the wait status once reaped
        self.reason = ""  # why the runner killed it, when it did: "memory" or "tasks" (the grader words it)


def _namespace_of(child: Child) -> str:
    """The worker's PID namespace, once the worker is readable (it is not while it is a spare)."""
    if child.namespaced and not child.pid_namespace:
        child.pid_namespace = _pid_namespace(child.worker)
    return child.pid_namespace


def _pid_namespace(pid: int) -> str:
    try:
        return os.readlink(f"/proc/{pid}/ns/pid")
    except OSError:
        return ""


def _threads(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/status") as status:
            return next((int(line.split()[1]) for line in status if line.startswith("Threads:")), 1)
    except (OSError, ValueError, IndexError):
        return 0


def _tmpfs_bytes(pid: int) -> int:
    """What a namespaced worker holds in its own /tmp and /dev/shm."""
    total = 0
    for folder in ("tmp", "dev/shm"):
        try:
            usage = os.statvfs(f"/proc/{pid}/root/{folder}")
        except OSError:
            continue
        total += (usage.f_blocks - usage.f_bfree) * usage.f_frsize
    return total


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


def _exit_code(status: int | None) -> int | None:
    """How a worker ended as ``subprocess`` says it (negative: the signal), for the grader to word in its
    language (this process speaks none: it is started with a worker's environment)."""
    return None if status is None else os.waitstatus_to_exitcode(status)


class Runner:
    def __init__(self, control: socket.socket, level: str, cgroup_root: cgroups.Root | None,
                 namespaces_wanted: bool, seal: Seal | None = None) -> None:
        self.control = control
        self.seal = seal  # the kit's modules as every worker starts with them (worker.Seal), taken here once
        self.level = level
        self.cgroup_root = cgroup_root
        self.namespaces = namespaces_wanted and self._namespaces_work()
        self.children: dict[int, Child] = {}
        self.retiring: list[Child] = []  # killed, answered for, not yet gone
        # a worker started before it is asked for, with the hand-off socket and the request it was made for
        self.spare: tuple[Child, socket.socket, str] | None = None
        self.root = Path(tempfile.gettempdir())
        self.forks = 0

    # -- the child's side -----------------------------------------------------------------------------
    def _start_worker(self, handoff: socket.socket, workdir: Path, limits: dict,
                      group: cgroups.WorkerGroup | None, report: int, address_space_cap: bool) -> None:
        """In the forked child: enter the worker's group and namespaces and report the worker's pid. With
        namespaces, this process stays as the parent of the namespace's init (which dies with it if the
        runner goes) and ends as the worker ended, so that the runner can tell how."""
        self.control.close()
        _prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
        # non-dumpable, like the runner it was forked from (and so are the init and the worker forked from
        # it until the worker gets its submission): a worker that sees the sandbox's /proc cannot open
        # their memory, though they run with its user id
        if group is not None:
            group.enter()
        # opened before the namespaces: a file open for writing in the new mount namespace would keep it
        # from being made read-only
        log = os.open(workdir / "output.log", os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        namespaced = self.namespaces and _enter_namespaces(self.level)
        if not namespaced:
            os.write(report, json.dumps({"pid": os.getpid(), "worker": os.getpid(), "namespaced": False}).encode())
            os.close(report)
            self._become_worker(handoff, log, limits, address_space_cap, Path(workdir) / "work")
            return
        # the first process started in a new PID namespace is its init, which the kernel shields from
        # signals sent from inside: the worker must not be it. The init only reads a pipe this process
        # holds, so that it ends, and the namespace with it, when this process ends, however. The worker
        # comes next, as PID 2, and this process stays as its parent.
        init, worker, _ = namespaces.fork_after_init()
        if worker == 0:
            os.close(report)
            _prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
            namespaces.seal(int(limits["memory_bytes"]), [str(p) for p in isolation.worker_paths()])
            home = Path("/tmp/work")
            home.mkdir()
            self._become_worker(handoff, log, limits, address_space_cap, home)
            return
        handoff.close()
        os.close(log)
        os.write(report, json.dumps({"pid": init, "worker": worker, "namespaced": True}).encode())
        os.close(report)
        _, status = os.waitpid(worker, 0)
        _kill_and_wait(init)  # and with it every process left in the namespace
        _end_as(status)

    def _become_worker(self, handoff: socket.socket, log: int, limits: dict, address_space_cap: bool,
                       home: Path) -> None:
        """Ready everything, then wait for a submission's two pipe ends (the spare's hand-off)."""
        os.setsid()
        _prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
        null = os.open(os.devnull, os.O_RDONLY)
        os.dup2(null, 0)
        os.dup2(log, 1)
        os.dup2(log, 2)
        os.chdir(home)
        os.environ.update(HOME=str(home), TMPDIR=str(home))
        isolation.apply_limits(limits, address_space_cap)
        isolation.drop_privileges()
        seccomp.install()
        from autograder.sandbox import worker

        # made while it waits, beside the previous submission's grading rather than after the hand-off;
        # with the runner's seal: the kit's modules are as the runner left them, none of a submission's code
        # having run in either (a seal taken here cost 12 ms a worker, the runner's 1.4 ms at its first look)
        ready = worker.Worker("student", self.seal)
        _, fds, _, _ = socket.recv_fds(handoff, 16, 2)
        if len(fds) != 2:
            os._exit(0)  # the runner discarded this spare
        # from here on it is the only process that runs student code in this runner: the runner must read
        # its /proc entries (counting its tasks and memory where there are no control groups)
        _prctl(_PR_SET_DUMPABLE, 1)
        request_r, reply_w = fds
        keep = {0, 1, 2, request_r, reply_w}
        for fd in range(3, max(keep) + 64):
            if fd not in keep:
                try:
                    os.close(fd)
                except OSError:
                    pass
        os.closerange(max(keep) + 64, 4096)
        worker.serve(ready, request_r, reply_w)

    # -- requests -------------------------------------------------------------------------------------
    def fork(self, message: dict, fds: list[int]) -> dict:
        """Hand the submission's pipe ends to the spare worker made for it (a fresh one if the limits
        differ): the namespaces, the group and the forks were paid for before the grader asked."""
        if len(fds) != 2:
            return {"status": Reply.ERROR, "message": "fork needs two file descriptors"}
        wanted = _spare_key(message)
        if self.spare is not None and self.spare[2] != wanted:
            self._discard_spare()
        try:
            for _ in range(2):  # a spare that died while it waited is replaced once
                if self.spare is None:
                    self.make_spare(message)
                if self.spare is None:
                    break
                child, handoff, _ = self.spare
                try:
                    socket.send_fds(handoff, [b"go"], fds)
                except OSError:
                    self._discard_spare()
                    continue
                handoff.close()
                self.spare = None
                self.children[child.pid] = child
                return {"status": Reply.OK, "pid": child.pid}
        finally:
            for fd in fds:
                os.close(fd)
        return {"status": Reply.ERROR, "message": "the worker did not start"}

    def make_spare(self, message: dict) -> None:
        """Start a worker that waits for its submission (the next ``fork`` takes it)."""
        workdir = Path(tempfile.mkdtemp(prefix="student-", dir=self.root))
        (workdir / "work").mkdir()
        limits = message["limits"]
        group = self._group(limits)
        ours, theirs = socket.socketpair(socket.AF_UNIX, socket.SOCK_SEQPACKET)
        report_r, report_w = os.pipe()
        shim = os.fork()
        if shim == 0:
            code = 0
            try:
                os.close(report_r)
                ours.close()
                self._start_worker(theirs, workdir, limits, group, report_w, bool(message.get("address_space_cap")))
            except BaseException:
                traceback.print_exc()  # into the worker's log, or the runner's before the worker had one
                code = 70
            finally:
                os._exit(code)
        os.close(report_w)
        theirs.close()
        started = _read_report(report_r)
        if started is None:
            ours.close()
            _kill_and_wait(shim)
            if group is not None:
                group.remove()
            shutil.rmtree(workdir, ignore_errors=True)
            return
        pid = int(started["pid"])
        child = Child(pid, shim, workdir, limits, group, bool(started["namespaced"]))
        child.worker = int(started.get("worker", pid))
        self.spare = (child, ours, _spare_key(message))

    def _discard_spare(self) -> None:
        if self.spare is None:
            return
        child, handoff, _ = self.spare
        self.spare = None
        handoff.close()
        self._end(child)
        shutil.rmtree(child.workdir, ignore_errors=True)

    def _group(self, limits: dict) -> cgroups.WorkerGroup | None:
        if self.cgroup_root is None:
            return None
        self.forks += 1
        try:
            return cgroups.WorkerGroup(self.cgroup_root, f"worker-{self.forks}",
                                       int(limits["memory_bytes"]) + WORKER_OWN_BYTES, int(limits["processes"]))
        except OSError as err:
            print(f"runner: no control group for this worker ({err}); counting instead", file=sys.stderr)
            return None

    def kill(self, message: dict) -> dict:
        """End a worker and say how it ended. One still running is killed and answered for at once: taking
        down its namespaces and its group (tens of milliseconds of the kernel's time) happens after the
        reply, while the grader goes on with the next submission."""
        child = self.children.pop(int(message["pid"]), None)
        if child is None:
            return {"status": Reply.UNKNOWN}
        self._reap_one(child)
        if child.status is None:
            self._signal_end(child)
            child.status = signal.SIGKILL  # a wait status: killed by SIGKILL, by this runner
        self.retiring.append(child)
        tail = ""
        try:
            with open(child.workdir / "output.log", "rb") as log:
                log.seek(max(0, os.path.getsize(log.name) - OUTPUT_TAIL))
                tail = log.read().decode("utf-8", "replace")
        except OSError:
            pass
        shutil.rmtree(child.workdir, ignore_errors=True)
        return {"status": Reply.OK, "code": _exit_code(child.status), "reason": child.reason, "output": tail,
                "signal": signal.Signals(os.WTERMSIG(child.status)).name
                if child.status is not None and os.WIFSIGNALED(child.status) else ""}

    def freeze(self, message: dict, frozen: bool) -> dict:
        """Stop (or resume) every task of the worker: its group's freezer, else a signal to each member,
        twice, so that a process forked while the first round went by is caught by the second."""
        child = self.children.get(int(message["pid"]))
        if child is None or child.status is not None:
            return {"status": Reply.UNKNOWN}
        if child.group is not None:
            try:
                child.group.freeze(frozen)
                return {"status": Reply.OK}
            except OSError:
                pass
        for _ in range(2 if frozen else 1):
            for pid in self._members(child, _processes()):
                try:
                    os.kill(pid, signal.SIGSTOP if frozen else signal.SIGCONT)
                except ProcessLookupError:
                    pass
        return {"status": Reply.OK}

    def status(self, message: dict) -> dict:
        child = self.children.get(int(message["pid"]))
        if child is None:
            return {"status": Reply.UNKNOWN}
        self._reap()
        return {"status": Reply.OK, "alive": child.status is None, "code": _exit_code(child.status),
                "reason": child.reason}

    # -- housekeeping ---------------------------------------------------------------------------------
    def _members(self, child: Child, processes: list[tuple[int, int, int]]) -> list[int]:
        """Every process of the worker: its PID namespace's, or (without one) its session's and every
        descendant's, whatever session a descendant made for itself."""
        if child.namespaced:
            namespace = _namespace_of(child)
            return [pid for pid, _, _ in processes if pid in (child.pid, child.worker) or
                    (namespace and _pid_namespace(pid) == namespace)]
        parents = {pid: parent for pid, parent, _ in processes}
        members = []
        for pid, _, session in processes:
            ancestor, hops = pid, 0
            while ancestor not in (0, 1, child.pid) and hops < 4096:
                ancestor, hops = parents.get(ancestor, 0), hops + 1
            if session == child.pid or ancestor == child.pid:
                members.append(pid)
        return members

    def _signal_end(self, child: Child) -> None:
        """SIGKILL to every process of the worker (to its namespace's init, which takes them all along)."""
        if child.group is not None:
            try:
                child.group.freeze(False)  # a frozen task cannot act on SIGKILL
            except OSError:
                pass
        targets = [child.pid] if child.namespaced else self._members(child, _processes()) + [child.pid]
        for pid in targets:
            try:
                os.kill(pid, signal.SIGKILL)
            except ProcessLookupError:
                pass

    def _reap_one(self, child: Child) -> None:
        try:
            pid, status = os.waitpid(child.waiter, os.WNOHANG)
        except ChildProcessError:
            return
        if pid == child.waiter:
            child.status = status

    def _retire(self, wait: bool) -> None:
        """Finish what killed workers left: wait for them, remove their groups, sweep orphans."""
        finished = False
        for child in list(self.retiring):
            try:
                done, _ = os.waitpid(child.waiter, 0 if wait else os.WNOHANG)
            except ChildProcessError:
                done = child.waiter
            if done == 0:
                continue
            finished = True
            self.retiring.remove(child)
            if child.group is not None:
                child.group.remove()
        if finished or wait:
            self._clean_up()

    def _end(self, child: Child) -> None:
        """Kill every process of the worker and wait for the worker itself; remove its group."""
        self._signal_end(child)
        if child.status is None:
            try:
                _, status = os.waitpid(child.waiter, 0)
                child.status = status
            except ChildProcessError:
                pass
        if child.group is not None:
            child.group.remove()

    def _clean_up(self) -> None:
        """Kill and reap every process that is neither this runner nor a live child's: orphans adopted
        from a child that ended, whatever session they made for themselves."""
        me = os.getpid()
        live = [c for c in self.children.values() if c.status is None] + ([self.spare[0]] if self.spare else [])
        for _ in range(50):
            processes = _processes()
            spared = {me, 1} | {pid for c in live for pid in self._members(c, processes)} | \
                {pid for c in live for pid in (c.pid, c.waiter, c.worker)}
            strays = [pid for pid, parent, _ in processes
                      if pid not in spared and parent != 0 and self._descends_from_me(pid, parent)]
            if not strays:
                break
            for pid in strays:
                try:
                    os.kill(pid, signal.SIGKILL)
                except ProcessLookupError:
                    pass
            self._reap()
        self._reap()
        if self.level == "bubblewrap" and not any(not c.namespaced for c in live):
            # the sandbox's /tmp and /dev/shm are shared by the runner's children that have no namespaces of
            # their own: empty them between students (but for the folders of the live ones)
            keep = {c.workdir for c in live}
            for folder in (self.root, Path("/dev/shm")):
                for entry in folder.iterdir() if folder.exists() else ():
                    if entry in keep:
                        continue
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
                if child.waiter == pid:
                    child.status = status

    def _watch(self) -> None:
        """Stop a worker over its bounds. Its group's counters where it has one; else counted here."""
        processes: list[tuple[int, int, int]] | None = None
        for child in self.children.values():
            if child.status is not None:
                continue
            if child.group is not None:
                if child.group.out_of_memory():
                    child.reason = "memory"
                elif child.group.over_tasks():
                    child.reason = "tasks"
            else:
                processes = _processes() if processes is None else processes
                members = self._members(child, processes)
                memory = _private_bytes(members) + (_tmpfs_bytes(child.pid) if child.namespaced else 0)
                if sum(_threads(pid) for pid in members) > child.processes:
                    child.reason = "tasks"
                elif memory > child.memory_bytes:
                    child.reason = "memory"
            if child.reason:
                self._end(child)

    def serve(self) -> None:
        handlers: dict[str, Callable[..., dict]] = {
            "fork": self.fork, "kill": self.kill, "status": self.status,
            "stop": lambda m: self.freeze(m, True), "cont": lambda m: self.freeze(m, False)}
        self.control.sendall(json.dumps({"status": Reply.READY, "isolation": self.level,
                                         "bounds": self.bounds()}).encode())
        while True:
            live = any(c.status is None for c in self.children.values())
            busy = live or bool(self.retiring)
            readable, _, _ = select.select([self.control], [], [], (0.01 if self.retiring else WATCH_SECONDS)
                                           if busy else None)
            self._reap()
            if self.retiring:
                self._retire(wait=False)
            if live:
                self._watch()
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
            if op == "fork" and self.spare is None:
                self.make_spare(message)  # for the next submission, while the grader works on this one
        self._discard_spare()
        for child in list(self.children.values()):
            self._end(child)
        self._retire(wait=True)

    def bounds(self) -> str:
        """How this runner bounds its workers: in their own namespaces or not; by control groups
        (``cgroup v1``/``cgroup v2``, the kernel's bounds) or ``counted`` by this runner."""
        kind = f"cgroup v{self.cgroup_root.version}" if self.cgroup_root is not None else "counted"
        return f"own namespaces, {kind}" if self.namespaces else f"shared namespaces, {kind}"

    def _namespaces_work(self) -> bool:
        """A trial: may a forked child make the namespaces a worker gets?"""
        pid = os.fork()
        if pid == 0:
            try:
                os._exit(0 if _enter_namespaces(self.level) else 1)
            except BaseException:
                os._exit(1)
        _, status = os.waitpid(pid, 0)
        return os.waitstatus_to_exitcode(status) == 0


def _enter_namespaces(level: str) -> bool:
    """Put this process in a worker's namespaces; whether the kernel allowed it. A network of its own at every
    level: under bubblewrap the runner's is shared by its workers, and a worker's abstract Unix socket or
    loopback port would reach another's (a submission's encoding worker handing the held-out images to its
    decoding one). Where the kernel refuses one more network namespace, a bubblewrap worker keeps the
    runner's, already cut off from the machine's, rather than lose the other namespaces."""
    for network in (True, False) if level == "bubblewrap" else (True,):
        try:
            namespaces.enter(network=network)
            return True
        except OSError:
            continue
    return False


def _end_as(status: int) -> NoReturn:
    """End this process the way the one it waited for ended: same exit code, or same signal."""
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    if os.WIFSIGNALED(status):
        number = os.WTERMSIG(status)
        if number != signal.SIGKILL:
            signal.signal(number, signal.SIG_DFL)
        _prctl(_PR_SET_PDEATHSIG, 0)
        os.kill(os.getpid(), number)
        os.kill(os.getpid(), signal.SIGKILL)  # a signal whose default is to go on: end all the same
    os._exit(os.waitstatus_to_exitcode(status) if os.WIFEXITED(status) else 70)


def _kill_and_wait(pid: int) -> None:
    try:
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
    except (ProcessLookupError, ChildProcessError):
        pass


def _spare_key(message: dict) -> str:
    return json.dumps([message.get("limits"), bool(message.get("address_space_cap"))], sort_keys=True)


def _read_report(report: int) -> dict | None:
    ready, _, _ = select.select([report], [], [], 30.0)
    data = os.read(report, 4096) if ready else b""
    os.close(report)
    try:
        return json.loads(data) if data else None
    except ValueError:
        return None


def _preload() -> Seal:
    """What every worker needs, imported once here instead of once per student; returns the seal of the
    kit's modules as they are then (:class:`autograder.sandbox.worker.Seal`), every worker's."""
    import numpy  # noqa: F401
    import safetensors.torch  # noqa: F401
    import torch  # noqa: F401
    import torch.autograd.profiler_legacy  # noqa: F401
    import torch.nn.functional  # noqa: F401

    try:
        import torchvision  # noqa: F401
    except ImportError:
        pass
    # last: the guard indexes PyTorch's Python implementations of its operators as it is imported, and
    # torchvision brings more (torch._decomp.decompositions_for_rng); imported before, every worker's guard
    # found the index stale and made it again at its first call (4 ms)
    from autograder.sandbox import forbid, worker

    forbid.prepare()
    return worker.Seal()


def main(argv: list[str]) -> None:
    fd, level = int(argv[0]), argv[1]
    cgroup_root = cgroups.Root.from_argv(argv[2] if len(argv) > 2 else "")
    namespaces_wanted = (argv[3] if len(argv) > 3 else "auto") != "off"
    _prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
    _prctl(_PR_SET_CHILD_SUBREAPER, 1)
    _prctl(_PR_SET_DUMPABLE, 0)  # out of a worker's reach through /proc and ptrace
    control = socket.socket(fileno=fd)
    os.environ.pop("GLIBC_TUNABLES", None)  # read by glibc as this process started; no worker's business
    seal = _preload()
    collector.resume()  # paused by the boot: what every worker inherits is set aside before the first fork
    Runner(control, level, cgroup_root, namespaces_wanted, seal).serve()


if __name__ == "__main__":
    main(sys.argv[1:])
