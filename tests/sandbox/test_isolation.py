"""Isolation levels, the sandbox's view of the file system, resource limits and the runner's control."""

from __future__ import annotations

import ast
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest

from autograder.sandbox import isolation, launcher

ROOT = Path(__file__).resolve().parents[2]


def test_the_level_can_be_chosen_and_a_bad_choice_is_refused(monkeypatch) -> None:
    monkeypatch.setenv("AUTOGRADER_ISOLATION", "process")
    assert isolation.level() == "process"
    monkeypatch.setenv("AUTOGRADER_ISOLATION", "namespaces")
    with pytest.raises(ValueError, match="auto, bubblewrap or process"):
        isolation.level()


def test_auto_takes_bubblewrap_wherever_it_is_installed_and_works(monkeypatch) -> None:
    monkeypatch.setenv("AUTOGRADER_ISOLATION", "auto")
    if shutil.which("bwrap"):
        # make test installs it; an image that refuses user namespaces would fail here, loudly
        assert isolation.bubblewrap_works()
        assert isolation.level() == "bubblewrap"
    else:
        assert isolation.level() == "process"


def test_asking_for_bubblewrap_where_it_is_missing_is_an_error(monkeypatch) -> None:
    monkeypatch.setenv("AUTOGRADER_ISOLATION", "bubblewrap")
    monkeypatch.setattr(isolation, "bubblewrap_works", lambda: False)
    with pytest.raises(RuntimeError, match="bubblewrap"):
        isolation.level()


def test_the_sandbox_sees_the_engine_but_not_the_kit(tmp_path: Path) -> None:
    probe = ("import os, sys; paths = sys.argv[2:]; "
             "print(' '.join(str(int(os.path.exists(p))) for p in paths)); "
             "print(','.join(sorted(os.listdir(sys.argv[1])))); "
             "open('/tmp/x', 'w').write('scratch'); print(os.listdir('/tmp'))")
    (tmp_path / "other-student.py").write_text("answer = 42\n")
    paths = [ROOT / "autograder" / "sandbox" / "worker.py", ROOT / "datasets", ROOT / "solutions", ROOT / "tests",
             ROOT / ".git", ROOT / "autograder" / "specs" / "cnn.py", tmp_path / "other-student.py"]
    out = subprocess.run(isolation.sandbox_command([sys.executable, "-I", "-c", probe, str(ROOT), *map(str, paths)],
                                                   [ROOT / "datasets"]),
                         capture_output=True, text=True, timeout=60, check=True).stdout.split("\n")
    assert out[0].split() == ["1", "1", "0", "0", "0", "0", "0"]
    # of the kit's folder, only what the worker needs is there: the engine, the data, the Python environment
    visible = {"autograder", "datasets"} | ({Path(sys.prefix).name} if Path(sys.prefix).parent == ROOT else set())
    assert set(out[1].split(",")) == visible
    # its own /tmp, empty at the start but for the folders that lead to the kit's bound paths when the kit
    # itself lives under /tmp (a clone in /tmp, as some CI runners make)
    bound = [Path(sys.prefix), Path(sys.base_prefix), ROOT / "autograder", ROOT / "datasets"]
    leading = {p.relative_to("/tmp").parts[0] for p in bound if p.is_relative_to("/tmp")}
    assert set(ast.literal_eval(out[2])) == {"x"} | leading
    assert not (Path("/tmp") / "x").exists() or (Path("/tmp") / "x").read_text() != "scratch"


def test_limits_come_from_the_environment(monkeypatch) -> None:
    monkeypatch.setenv("AUTOGRADER_MEMORY_MB", "300")
    monkeypatch.setenv("AUTOGRADER_MAX_PROCESSES", "12")
    limits = isolation.limits_from_environment()
    assert limits.memory_bytes == 300 << 20 and limits.processes == 12


def test_a_worker_runs_under_its_limits_without_privileges() -> None:
    code = (
        "import resource, sys\n"
        "from autograder.sandbox import isolation\n"
        "isolation.apply_limits(isolation.Limits(file_bytes=1 << 20, open_files=64).to_dict(), True)\n"
        "isolation.drop_privileges()\n"
        "print(resource.getrlimit(resource.RLIMIT_FSIZE)[0], resource.getrlimit(resource.RLIMIT_NOFILE)[0],\n"
        "      resource.getrlimit(resource.RLIMIT_AS)[0] != resource.RLIM_INFINITY)\n"
        "print(open('/proc/self/status').read().split('CapEff:')[1].split()[0])\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                         cwd=ROOT).stdout.split("\n")
    assert out[0] == f"{1 << 20} 64 True"
    assert int(out[1], 16) == 0


@pytest.mark.grading
def test_a_frozen_worker_does_not_run_and_a_thawed_one_does() -> None:
    worker = launcher.WorkerProcess("student")
    worker.start()
    try:
        worker.request({"op": "load", "files": {"spin.py": "import threading, time\nticks = [0]\n"
                        "def run():\n    while True:\n        ticks[0] += 1\n        time.sleep(0.001)\n"
                        "threading.Thread(target=run, daemon=True).start()\n"
                        "def count():\n    return ticks[0]\n"}}, timeout=60)
        target = {"module": "spin", "function": "count"}

        def ticks() -> int:
            reply, _ = worker.request({"op": "call", "device": "cpu", "target": target, "args": {"t": "dict", "v": {}},
                                       "forbidden": []}, timeout=30)
            return reply["value"]["v"]

        start = ticks()
        time.sleep(0.5)
        running = ticks() - start
        worker.freeze()
        time.sleep(0.5)
        worker.thaw()
        frozen = ticks() - start - running
        assert running > 20, "the worker's thread should tick while it runs"
        assert frozen < running / 3, "a frozen worker must not run"
    finally:
        worker.close()


def _a_new_worker_serves() -> None:
    worker = launcher.WorkerProcess("student")
    worker.start()
    try:
        reply, _ = worker.request({"op": "load", "files": {"m.py": "def f():\n    return 3\n"}}, timeout=60)
        assert reply["status"] == "ok"
    finally:
        worker.close()


@pytest.mark.grading
def test_a_killed_runner_is_restarted_for_the_next_worker() -> None:
    worker = launcher.WorkerProcess("student")
    worker.start()
    worker.close()
    launcher.runner().stop()
    _a_new_worker_serves()


@pytest.mark.grading
def test_a_spare_worker_that_died_while_it_waited_is_replaced(monkeypatch) -> None:
    """The runner makes each worker ahead of time; one that died meanwhile must not cost the next student
    their grading. Without namespaces the spare is a child of the runner, easy to find and kill."""
    monkeypatch.setenv("AUTOGRADER_ISOLATION", "process")
    monkeypatch.setenv("AUTOGRADER_NAMESPACES", "off")
    launcher.runner().stop()
    try:
        first = launcher.WorkerProcess("student")
        first.start()
        runner_pid = launcher.runner().proc.pid
        deadline = time.monotonic() + 30
        spares: list[int] = []
        while not spares and time.monotonic() < deadline:
            time.sleep(0.05)
            children = subprocess.run(["ps", "-o", "pid=", "--ppid", str(runner_pid)], capture_output=True,
                                      text=True).stdout.split()
            spares = [int(pid) for pid in children if int(pid) != first.pid]
        assert spares, "the runner made no worker ahead of time"
        first.close()
        for pid in spares:
            os.kill(pid, signal.SIGKILL)
        while any(_alive(pid) for pid in spares) and time.monotonic() < deadline:
            time.sleep(0.02)  # dead, not dying: a spare that dies during its hand-off is another matter
        _a_new_worker_serves()
    finally:
        launcher.runner().stop()  # the next test gets a runner at the level in force


def _alive(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat") as stat:
            return stat.read().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


def test_the_held_out_labels_are_hidden_from_a_worker() -> None:
    """train_lenet is scored on the held-out digits: a worker that could read datasets/digits/test (one folder
    per label) could look its test images up. The grader sends it the images it needs, never the folder."""
    from autograder.datasets import DATASETS, HELD_OUT

    held_out = [DATASETS / split for split in HELD_OUT]
    assert set(held_out) <= set(isolation.hidden_paths())
    command = isolation.sandbox_command([sys.executable, "-I", "-c", "pass"], [])
    for folder in held_out:
        assert ["--tmpfs", str(folder)] == command[command.index(str(folder)) - 1:][:2]
    if not isolation.bubblewrap_works() or not held_out[0].is_dir():
        return
    listing = "import os, sys; print(sorted(os.listdir(sys.argv[1])), sorted(os.listdir(sys.argv[2])))"
    out = subprocess.run(isolation.sandbox_command([sys.executable, "-I", "-c", listing, str(held_out[0]),
                                                    str(DATASETS / "digits" / "train")], []),
                         capture_output=True, text=True, timeout=60, check=True).stdout
    assert out.split("] [")[0] == "[", out  # the held-out folder is empty; the training digits are there
    assert "'0'" in out.split("] [")[1]


# the key's conv_output_size (appended below), behind an attack on PID 1 made at the first call
_AT_INIT = '''\
import os, signal, time

_attacked = []


def conv_output_size(*args, **kwargs):
    if not _attacked:
        _attacked.append(True)
        for path in ("/proc/1/mem", "/proc/1/environ", "/proc/1/fd/0"):
            try:
                open(path, "rb").close()
                return -1  # it could: a wrong answer says so
            except OSError:
                pass
        for sig in (signal.SIGKILL, signal.SIGTERM, signal.SIGINT, signal.SIGHUP):
            os.kill(1, sig)  # were PID 1 to end, the kernel would end this worker with it
        time.sleep(0.2)
    return _key(*args, **kwargs)
'''


@pytest.mark.grading
def test_the_namespaces_init_is_out_of_the_workers_reach(grader, tmp_path: Path) -> None:
    """PID 1 of a worker's namespaces is out of the worker's reach: the worker can neither open its memory,
    environment or descriptors, nor end it (and the namespace with it) by a signal. Then an honest student,
    at full marks. (The kernel refuses the first three for the capabilities PID 1 holds in the namespace: all
    of them run as root, one the worker never has run as another user; see
    tests/sandbox/test_containment.py.)"""
    launcher.runner().wait_ready()
    # without namespaces PID 1 is the machine's: make test installs bubblewrap, which gives them
    assert launcher.bounds().startswith("own namespaces"), launcher.bounds()
    (tmp_path / "attack").mkdir()
    key = (ROOT / "solutions" / "cnn.py").read_text().replace("def conv_output_size(", "def _key(")
    (tmp_path / "attack" / "cnn.py").write_text(key + "\n\n" + _AT_INIT)
    attacked = grader.grade(tmp_path / "attack", only=["conv_output_size"]).exercises[0]
    assert (attacked.status, attacked.score) == ("passed", 5), attacked.feedback
    honest = grader.grade(ROOT / "solutions" / "cnn.py", only=["conv_output_size"]).exercises[0]
    assert (honest.status, honest.score) == ("passed", 5), honest.feedback


# read through one of PyTorch's modules: the screen refuses the collector's own name
_COLLECTOR_STATE = """
import torch._dynamo.utils as _modules_of_pytorch

_collector = getattr(_modules_of_pytorch, "g" + "c")


def conv_output_size(*args, **kwargs):
    # the runner imported some 400,000 objects and froze them before it forked this worker
    if _collector.isenabled() and _collector.get_freeze_count() > 100_000:
        return _key(*args, **kwargs)
    return -1
"""


@pytest.mark.grading
def test_a_worker_collects_its_own_garbage_and_never_walks_the_runners_objects(grader, tmp_path: Path) -> None:
    """The runner imports PyTorch with the collector paused (autograder.core.collector): a worker forked from it
    has the collector running, and what the runner imported frozen, out of its walks."""
    (tmp_path / "probe").mkdir()
    key = (ROOT / "solutions" / "cnn.py").read_text().replace("def conv_output_size(", "def _key(")
    (tmp_path / "probe" / "cnn.py").write_text(key + "\n\n" + _COLLECTOR_STATE)
    probed = grader.grade(tmp_path / "probe", only=["conv_output_size"]).exercises[0]
    assert (probed.status, probed.score) == ("passed", 5), probed.feedback


def test_the_folders_of_reference_workers_whose_process_is_gone_are_removed(tmp_path: Path, monkeypatch) -> None:
    """A process killed outright leaves its reference worker's folder: the next reference worker removes the
    folders of processes that are gone, once an hour old, and no other."""
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    gone = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True,
                          check=True).stdout.strip()
    hour_ago = time.time() - launcher.ORPHAN_SECONDS - 60
    folders = {name: tmp_path / f"{launcher.REFERENCE_FOLDER}{name}" for name in
               (f"{gone}-old", f"{gone}-recent", f"{os.getpid()}-old", "legacy_old")}
    for name, folder in folders.items():
        folder.mkdir()
        if name.endswith("old"):
            os.utime(folder, (hour_ago, hour_ago))
    launcher._remove_orphaned_folders()
    assert sorted(f.name.removeprefix(launcher.REFERENCE_FOLDER) for f in tmp_path.iterdir()) == sorted(
        [f"{gone}-recent", f"{os.getpid()}-old", "legacy_old"])


def test_what_befalls_the_runner_is_said_in_the_language_in_force() -> None:
    """A runner that is not running, or that stops answering, raises RunnerDied in the grading's language:
    the sentence reaches the instructor inside the catalogue's "the grading process failed" sentence."""
    from autograder.core import language
    from autograder.sandbox.launcher import RunnerDied, RunnerLink

    link = RunnerLink()  # never started: no control socket
    with language.speaking("fr"), pytest.raises(RunnerDied, match="^le lanceur ne tourne pas$"):
        link._receive(1.0)
    with pytest.raises(RunnerDied, match="^the runner is not running$"):
        link._receive(1.0)
