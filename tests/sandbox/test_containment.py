"""What the runner builds around each worker, piece by piece, each tried in a process of its own (none of it
can be undone in the process that took it): the seccomp filter, the worker's namespaces and mounts, control
groups, and the import guard."""

from __future__ import annotations

import os
import platform
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from autograder.core import language
from autograder.sandbox import cgroups, imports, seccomp

ROOT = Path(__file__).resolve().parents[2]


def _python(code: str, **env: str) -> str:
    done = subprocess.run([sys.executable, "-c", textwrap.dedent(code)], capture_output=True, text=True, timeout=120,
                          cwd=ROOT, env={**os.environ, **env})
    assert done.returncode == 0, done.stderr[-3000:]
    return done.stdout.strip()


def _namespaces_work() -> bool:
    return _python("""
        import os
        from autograder.sandbox import namespaces
        pid = os.fork()
        if pid == 0:
            try:
                namespaces.enter(network=False)
                os._exit(0)
            except OSError:
                os._exit(1)
        print(os.waitstatus_to_exitcode(os.waitpid(pid, 0)[1]))
    """) == "0"


def test_the_filter_refuses_new_programs_and_namespaces_but_not_forks_and_threads() -> None:
    if seccomp.program(platform.machine()) is None:
        pytest.fail(f"no seccomp table for {platform.machine()}: add its syscall numbers")
    out = _python("""
        import ctypes, os, subprocess, threading
        ctypes.CDLL(None).prctl(38, 1, 0, 0, 0)  # no new privileges, as the worker has
        from autograder.sandbox import seccomp
        print(seccomp.install())
        try:
            subprocess.run(["/bin/true"])
            print("exec ran")
        except PermissionError:
            print("exec refused")
        pid = os.fork()
        if pid == 0:
            os._exit(7)
        print("fork", os.waitstatus_to_exitcode(os.waitpid(pid, 0)[1]))
        thread = threading.Thread(target=lambda: None)
        thread.start()
        thread.join()
        print("thread ok")
        libc = ctypes.CDLL(None, use_errno=True)
        print("unshare", libc.unshare(0x10000000), ctypes.get_errno())
    """)
    assert out.splitlines() == ["True", "exec refused", "fork 7", "thread ok", "unshare -1 1"]


def _runner_says() -> str:
    return _python("""
        from autograder.sandbox import runner
        print("own namespaces" if runner.Runner._namespaces_work(type("R", (), {"level": "process"})())
              else "shared namespaces")
    """)


def test_a_namespaced_worker_is_pid_1_with_its_own_small_tmp_and_a_read_only_world(tmp_path: Path) -> None:
    if not _namespaces_work():
        # the kernel refuses unprivileged user namespaces here: the runner says "shared namespaces"
        assert _runner_says() == "shared namespaces"
        return
    kept = tmp_path / "kit"
    kept.mkdir()
    (kept / "engine.py").write_text("seen = True\n")
    out = _python(f"""
        import os
        from autograder.sandbox import namespaces
        namespaces.enter(network=True)
        pid = os.fork()
        if pid == 0:
            missed = namespaces.seal(8 << 20, [{str(kept)!r}])
            usage = os.statvfs("/tmp")
            lines = [str(os.getpid()), ",".join(sorted(os.listdir("/tmp"))), str(usage.f_blocks * usage.f_frsize),
                     open({str(kept / "engine.py")!r}).read().strip()]
            for place in ({str(ROOT / "probe-written")!r}, "/tmp/scratch", {str(kept / "x")!r}):
                try:
                    open(place, "w").write("x")
                    lines.append("wrote " + place)
                except OSError as err:
                    lines.append(f"refused {{err.errno}}")
            try:
                os.listdir("/sys/fs/cgroup/memory")
                lines.append("cgroups visible")
            except OSError:
                lines.append("cgroups hidden")
            print("\\n".join(lines + missed))
            os._exit(0)
        os.waitpid(pid, 0)
    """)
    lines = out.splitlines()
    assert lines[0] == "1"  # PID 1 of its own namespace: every process it starts dies with it
    # its /tmp is empty but for the way to a kept folder (a kit under /tmp)
    assert lines[1] == (kept.parts[2] if kept.parts[1] == "tmp" else "")
    assert int(lines[2]) == 8 << 20  # sized as asked: tmpfs counted against its memory bound
    assert lines[3] == "seen = True"
    assert lines[4:7] == ["refused 30", "wrote /tmp/scratch", "refused 30"]  # EROFS outside its own /tmp
    assert lines[7] == "cgroups hidden"
    assert not (ROOT / "probe-written").exists()


def test_control_groups_bound_tasks_and_freeze_them_where_the_grader_may_make_them(monkeypatch) -> None:
    monkeypatch.setenv("AUTOGRADER_CGROUPS", "off")
    assert cgroups.make_root("autograder-test-off") is None
    monkeypatch.delenv("AUTOGRADER_CGROUPS")
    root = cgroups.make_root(f"autograder-{os.getpid()}-test")
    if root is None:
        # neither root nor a delegated subtree: results say "counted", and the runner counts
        return
    try:
        group = cgroups.WorkerGroup(root, "worker-test", 256 << 20, 8)
        read, write = os.pipe()
        pid = os.fork()
        if pid == 0:
            group.enter()
            os.write(write, b"in")
            import threading
            import time
            started = 0
            for _ in range(20):
                try:
                    threading.Thread(target=time.sleep, args=(30,), daemon=True).start()
                    started += 1
                except RuntimeError:
                    pass
            os.write(write, bytes([started]))
            time.sleep(30)
            os._exit(0)
        assert os.read(read, 2) == b"in"
        started = os.read(read, 1)[0]
        assert started == 7  # the process and 7 threads: the bound counts threads
        assert group.tasks() == 8 and group.over_tasks()
        group.freeze(True)
        with open(f"/proc/{pid}/stat") as stat:
            assert stat.read().rsplit(")", 1)[1].split()[0] in ("D", "T", "S")
        group.freeze(False)
        assert not group.out_of_memory()
        os.kill(pid, 9)
        os.waitpid(pid, 0)
        group.remove()
        assert not any(folder.exists() for folder in group.folders.values())
    finally:
        root.remove()
    assert not any(folder.exists() for folder in root.folders.values())


def test_only_screened_sources_and_installed_modules_import(tmp_path: Path, monkeypatch) -> None:
    guard = imports.ScreenedImports(tmp_path)
    guard.allow("answer.py", "value = 'screened'\n")
    (tmp_path / "answer.py").write_text("value = 'rewritten on disk'\n")
    (tmp_path / "written_later.py").write_text("value = 1\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    monkeypatch.setattr(sys, "meta_path", [guard, *sys.meta_path])
    for name in ("answer", "written_later"):
        monkeypatch.delitem(sys.modules, name, raising=False)
    import answer  # type: ignore[import-not-found]

    assert answer.value == "screened" and answer.__file__ == str(tmp_path / "answer.py")
    with pytest.raises(ImportError, match="not part of the submission"):
        import written_later  # type: ignore[import-not-found]  # noqa: F401
    monkeypatch.delitem(sys.modules, "colorsys", raising=False)
    import colorsys  # an installed module  # noqa: F401
    monkeypatch.delitem(sys.modules, "written_later", raising=False)
    with language.speaking("fr"), pytest.raises(ImportError, match="written_later ne faisait pas partie du rendu"):
        import written_later  # type: ignore[import-not-found]  # noqa: F401,F811


def test_the_cgroup_v2_files_are_the_kernel_s(tmp_path: Path, monkeypatch) -> None:
    """cgroup v2 on a file tree laid out as the kernel lays it out (this machine has v1): which files the
    grader and the runner write, and what they read back. A delegated subtree hands down pids and memory;
    the worker's group gets its bounds, its freezer, and the kernel's counters are read."""
    mountpoint = tmp_path / "cgroup2"
    own = mountpoint / "user.slice" / "grader"
    own.mkdir(parents=True)
    (own / "cgroup.controllers").write_text("cpu io memory pids\n")
    (own / "cgroup.subtree_control").write_text("")
    mounts = tmp_path / "mounts"
    mounts.write_text(f"cgroup2 {mountpoint} cgroup2 rw,nosuid,nodev,noexec 0 0\n")
    monkeypatch.setattr(cgroups, "_MOUNTS", str(mounts))
    monkeypatch.setattr(cgroups, "_own_group", lambda controller: "/user.slice/grader")

    real_mkdir = Path.mkdir

    def mkdir(self: Path, *args, **kwargs) -> None:  # the kernel fills a new group with its files
        real_mkdir(self, *args, **kwargs)
        (self / "cgroup.controllers").write_text("memory pids\n")
        for name in ("cgroup.subtree_control", "cgroup.procs", "cgroup.freeze", "pids.max", "memory.max",
                     "memory.swap.max"):
            (self / name).write_text("")
        (self / "pids.events").write_text("max 0\n")
        (self / "memory.events").write_text("low 0\nhigh 0\nmax 0\noom 0\noom_kill 0\n")
        (self / "pids.current").write_text("3\n")

    monkeypatch.setattr(Path, "mkdir", mkdir)
    root = cgroups.make_root("autograder-1-1")
    assert root is not None and root.version == 2
    folder = own / "autograder-1-1"
    assert set(root.folders.values()) == {folder}
    assert (own / "cgroup.subtree_control").read_text() == ""  # already handed down: the parent is untouched
    assert (folder / "cgroup.subtree_control").read_text() == "+pids +memory"
    assert cgroups.Root.from_argv(root.to_argv()) == root

    group = cgroups.WorkerGroup(root, "worker-1", 512 << 20, 64)
    worker = folder / "worker-1"
    assert (worker / "pids.max").read_text() == "64"
    assert (worker / "memory.max").read_text() == str(512 << 20)
    assert (worker / "memory.swap.max").read_text() == "0"
    group.enter()
    assert (worker / "cgroup.procs").read_text() == str(os.getpid())
    group.freeze(True)
    assert (worker / "cgroup.freeze").read_text() == "1"
    group.freeze(False)
    assert (worker / "cgroup.freeze").read_text() == "0"
    assert group.tasks() == 3 and not group.out_of_memory() and not group.over_tasks()
    (worker / "memory.events").write_text("low 0\nhigh 0\nmax 4\noom 1\noom_kill 1\n")
    (worker / "pids.events").write_text("max 2\n")
    assert group.out_of_memory() and group.over_tasks()


# A runner as another user sees it: non-dumpable (as the runner makes itself), it enters a worker's namespaces,
# starts their init, and forks a worker that drops its privileges and tries the init's /proc files.
_INIT_FROM_A_WORKER = """
import ctypes, os, shutil, signal
from autograder.sandbox import isolation, namespaces

def attempt(capability, cat):
    shim = os.fork()
    if shim == 0:
        if os.geteuid() == 0:
            os.setgroups([])
            os.setgid(65534)
            os.setuid(65534)
        ctypes.CDLL(None).prctl(4, 0, 0, 0, 0)
        namespaces.enter(network=True)
        if not capability:
            namespaces._raise_ambient = lambda number: True
        if not cat:
            namespaces.shutil.which = lambda name: None
        init, worker, hold_w = namespaces.fork_after_init()
        if worker == 0:
            isolation.drop_privileges()
            seen = []
            for name in ("mem", "environ", "fd/0"):
                try:
                    open(f"/proc/{init}/{name}", "rb").close()
                    seen.append("opened")
                except PermissionError:
                    seen.append("refused")
            print(",".join(seen), flush=True)
            os._exit(0)
        os.waitpid(worker, 0)
        program = os.path.basename(open(f"/proc/{init}/cmdline", "rb").read().split(b"\\0")[0].decode())
        pid_in_namespace = next(line.split()[-1] for line in open(f"/proc/{init}/status")
                                if line.startswith("NSpid:"))
        try:
            held = ",".join(sorted(os.listdir(f"/proc/{init}/fd"), key=int))
        except PermissionError:  # a non-dumpable init's, even to this process
            held = "unreadable"
        os.close(hold_w)  # the init ends of itself
        ended = os.waitstatus_to_exitcode(os.waitpid(init, 0)[1])
        print(program, pid_in_namespace, held, ended, flush=True)
        os._exit(0)
    os.waitpid(shim, 0)

attempt(capability=True, cat=True)
attempt(capability=False, cat=True)
attempt(capability=True, cat=False)
"""


def test_a_runner_of_any_user_gives_workers_namespaces_whose_init_they_cannot_reach() -> None:
    """Run by a user other than root, the runner (non-dumpable) still gives each worker namespaces of its own,
    and their init is ``cat``, started without a fork of the runner, holding its pipe alone and a capability the
    worker never has: the worker opens neither its memory, its environment nor its descriptors, and the init
    ends when the pipe closes. Without the capability the worker could (the second attempt: what the test
    guards against); without ``cat``, a fork of the non-dumpable runner is the init, as far out of reach."""
    if not _namespaces_work():
        assert _runner_says() == "shared namespaces"
        return
    lines = _python(_INIT_FROM_A_WORKER).splitlines()
    assert lines[0:2] == ["refused,refused,refused", "cat 1 0,1,2 0"], lines
    assert lines[2:4] == ["opened,opened,opened", "cat 1 0,1,2 0"], lines
    assert lines[4] == "refused,refused,refused", lines
    program, pid_in_namespace, held, ended = lines[5].split()
    assert (program.startswith("python"), pid_in_namespace, held, ended) == (True, "1", "unreadable", "0"), lines


def test_a_worker_asks_for_a_network_of_its_own_and_only_bubblewrap_does_without(monkeypatch) -> None:
    """Each worker unshares its own network, at every level; where the kernel refuses one more network
    namespace, a worker under bubblewrap keeps the runner's (cut off already), and one at the process level,
    whose runner's network is the machine's, goes without namespaces (its bounds then say so)."""
    from autograder.sandbox import namespaces, runner

    asked: list[bool] = []

    def enter(network: bool) -> None:
        asked.append(network)
        if network and refuse_network:
            raise OSError("no more network namespaces")

    monkeypatch.setattr(namespaces, "enter", enter)
    refuse_network = False
    assert runner._enter_namespaces("bubblewrap") and runner._enter_namespaces("process")
    assert asked == [True, True]
    refuse_network, asked[:] = True, []
    assert runner._enter_namespaces("bubblewrap") and asked == [True, False]
    asked.clear()
    assert not runner._enter_namespaces("process") and asked == [True]
