"""Hostile and broken submissions, graded in one batch with honest ones around them, at each isolation level.

Each file in tests/adversarial/ is one attack (its docstring says which). Each level's batch runs in a
separate grader process whose own environment holds a secret, so that a leak of the grader's environment
would show. Asserted: no attack gets points it did not earn, honest submissions keep their exact scores, the
batch ends within a bound, every result is well-formed JSON, the secret appears nowhere, nothing outlives
the grading, and (where the level promises it) nothing was written outside the worker's directory and
nothing reached the network.

The two levels' batches run at the same time, each in its own grader process. The traces the test looks for
are the machine's (a port on the loopback, files in /tmp and the home folder, processes by name), so the
attacks that leave them at the process level (``LEAVE_TRACES``) wait in the second batch until the first
batch is over and checked: until then, whatever shows is the first batch's.
"""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from autograder.sandbox import isolation

ROOT = Path(__file__).resolve().parents[2]
ATTACKS = ROOT / "tests" / "adversarial"
SOLUTIONS = ROOT / "solutions"
SECRET = "autograder-secret-7f3a9c1e"
ORPHAN_TOKEN = "ag-adv-orphan"  # what an attack's leftover process calls itself (/proc/PID/comm)
BOUND_SECONDS = 600

# attack -> (exercise, statuses it may get, the most points it may get)
EXPECTED = {
    "exit_at_import": ("conv_output_size", {"error"}, 0),
    "os_exit_in_call": ("conv_output_size", {"error"}, 0),
    "segfault": ("conv_output_size", {"error"}, 0),
    "infinite_loop": ("conv_output_size", {"timeout"}, 0),
    # stopped by the memory bound; on a loaded machine the call's time limit may come first
    "memory_bomb": ("conv_output_size", {"error", "timeout"}, 0),
    "fork_bomb": ("conv_output_size", {"error", "timeout"}, 0),
    "orphan_escapes": ("conv_output_size", {"passed"}, 5),  # a right answer, but its orphan must not survive
    "output_flood": ("conv_output_size", {"error"}, 0),
    "prints_passed": ("conv_output_size", {"failed"}, 0),
    "writes_files": ("conv_output_size", {"failed"}, 0),
    "patches_comparisons": ("gru_step", {"failed"}, 0),
    "tensor_subclass_liar": ("gru_step", {"failed"}, 0),
    "lies_about_its_tensors": ("gru_step", {"failed"}, 0),
    "poses_as_another_device": ("gru_step", {"failed"}, 0),
    "weird_returns": ("gru_step", {"failed", "error"}, 0),
    "huge_return": ("gru_step", {"error", "failed"}, 0),
    "hunts_for_answers": ("gru_step", {"forbidden"}, 0),
    "hunts_without_naming": ("gru_step", {"failed"}, 0),
    "reads_solutions": ("conv_output_size", {"forbidden"}, 0),
    "reads_solutions_quietly": ("conv_output_size", {"error"}, 0),
    "imports_reference": ("conv_output_size", {"forbidden"}, 0),
    "steals_environment": ("conv_output_size", {"error"}, 0),
    "network": ("conv_output_size", {"failed"}, 0),
    "kills_the_runner": ("conv_output_size", {"failed", "error"}, 0),
    "switches_off_the_watch": ("gru_step", {"forbidden"}, 0),
    "cheats_the_clock": ("gru_step", {"too_slow"}, 8),  # correct, so it keeps the correctness share only
    # PyTorch's own implementation by another route: another thread, a Python decomposition, a module
    # written at run time, another interpreter, or only once it can tell it is being timed
    "forbidden_in_a_thread": ("gru_step", {"forbidden"}, 0),
    "forbidden_by_decomposition": ("gru_step", {"forbidden"}, 0),
    "writes_a_module": ("gru_step", {"error"}, 0),
    "runs_another_interpreter": ("gru_step", {"error"}, 0),
    "tells_the_phases_apart": ("gru_step", {"forbidden"}, 0),
    # bounds: tasks past the cap, memory hidden in tmpfs, state left for the next student, a detached chain
    "threads_past_the_cap": ("conv_output_size", {"error", "failed"}, 0),  # right only past the bound
    "memory_in_tmpfs": ("conv_output_size", {"error", "failed"}, 0),
    "leaves_a_note": ("conv_output_size", {"failed"}, 0),
    "reads_a_note": ("conv_output_size", {"failed"}, 0),
    "fork_chain": ("conv_output_size", {"passed"}, 5),  # a right answer, but its chain must not survive
    # a reply the grader must survive: forged frames on the pipes, a value nested 100,000 deep
    "forges_a_reply": ("gru_step", {"error", "failed"}, 0),
    # the supervisor and the next student's worker: their memory through /proc, signals to its own pids
    "tampers_with_other_processes": ("conv_output_size", {"failed"}, 0),
    # code run from a file it wrote (runpy, reached without naming it) that searches every object for the guard
    "escapes_the_screen": ("gru_step", {"error"}, 0),
    # the kit's own modules reached by names built at run time (sys.modules, pkgutil): the guard switched off
    # at import and lifted in the call; the probe's driver replaced by one that writes a flawless report
    "switches_off_the_watch_unnamed": ("gru_step", {"forbidden"}, 0),
    "patches_the_probe": ("dropout", {"forbidden"}, 0),
    # the worker's own methods (the guard's holder, the refusals' reader) and the seal's checks replaced on
    # their classes at import: the worker took them, bound, when it started
    "replaces_the_workers_methods": ("gru_step", {"forbidden"}, 0),
    # the forbidden function kept at import and a decoy left for the guard: the guard is in force before the
    # module runs, so what it keeps already refuses
    "captures_before_the_guard": ("xavier_uniform", {"forbidden"}, 0),
    # an operator the exercise allows (uniform_, not xavier_uniform_) on another thread: honest, full marks
    "init_in_a_thread": ("xavier_uniform", {"passed"}, 3),
    # the held-out labels read from datasets/digits/test: the folder is empty in the sandbox
    "peeks_at_held_out_labels": ("train_lenet", {"failed"}, 0),
    # a wrong answer on every case: the feedback of a secret seed would have said what was expected
    # (tests/core/test_verdict.py checks the secret seed's sentences)
    "leaks_the_answer_on_a_secret_seed": ("conv_output_size", {"failed"}, 1),
    # the probe's calls come in an order drawn per case, one with a generator seeded otherwise: a counter
    # cannot replay its masks; it keeps the cases where nothing is random (eval mode, p = 0, p = 1)
    "dropout_counts_calls": ("dropout", {"failed"}, 2.5),
    # the decoder runs in a fresh worker that never saw the images, and has its own network, /tmp and home
    "stashes_the_input": ("train_autoencoder", {"failed"}, 0),
    "stashes_the_input_elsewhere": ("train_autoencoder", {"failed"}, 0),
    # NOT DEFENDED (SECURITY.md, "Not defended"): these still earn full marks. The guard is found through the
    # interpreter's frames (by name, through ctypes, or as a signal handler is handed one) and lifted.
    "lifts_the_guard_through_frames": ("xavier_uniform", {"passed"}, 3),
    "lifts_the_guard_through_ctypes": ("xavier_uniform", {"passed"}, 3),
    "lifts_the_guard_through_a_signal": ("xavier_uniform", {"passed"}, 3),
}
# the attacks that KNOWN_HOLES lists still get the points above; a fix lowers them (and moves them up there)
KNOWN_HOLES = {"lifts_the_guard_through_frames", "lifts_the_guard_through_ctypes", "lifts_the_guard_through_a_signal"}
# What the process level does not promise (README, SECURITY.md): without namespaces the file system and the
# network are the grader's. These attacks succeed there, and only these.
NOT_CONTAINED_BY_PROCESS_LEVEL = {"reads_solutions_quietly", "writes_files", "network"}
# Without namespaces (the process level's fallback, tested here as the weakest configuration) /tmp and
# /dev/shm are the machine's: what a worker leaves there is neither counted nor emptied, and its workers
# share the machine's network (an abstract Unix socket reaches another worker). These may pass.
MAY_PASS_WITHOUT_NAMESPACES = {"reads_solutions_quietly", "memory_in_tmpfs", "reads_a_note",
                               "tampers_with_other_processes", "peeks_at_held_out_labels",
                               "stashes_the_input_elsewhere"}
HONEST = {"conv_output_size": ("cnn", 5), "gru_step": ("rnn", 10)}
# the module each attacked exercise is in
MODULES = {**{exercise: module for exercise, (module, _) in HONEST.items()}, "dropout": "init",
           "xavier_uniform": "init", "train_lenet": "train", "train_autoencoder": "autoencoders"}

# The attacks whose traces outside the worker the test looks for (a message to its port, a file, a process):
# at the process level they leave them.
LEAVE_TRACES = {"network", "writes_files", "orphan_escapes"}

# Grades the batch in order; before the first submission marked gated, waits until the gate (a file) exists.
_DRIVER = """
import dataclasses, json, sys, time
from pathlib import Path
from autograder.core.grader import Grader
from autograder.specs import get
batch, out, gate = json.loads(sys.argv[1]), sys.argv[2], Path(sys.argv[3])
exercises = [dataclasses.replace(get(ex), time_limit=8.0) for ex in json.loads(sys.argv[4])]
results = []
with Grader(seed=3, device="cpu", exercises=exercises) as grader:
    for folder, exercise, gated in batch:
        while gated and not gate.exists():
            time.sleep(0.2)
        began = time.monotonic()
        results.append({**grader.grade(folder, only=[exercise]).to_dict(), "seconds": time.monotonic() - began})
        Path(out).write_text(json.dumps(results))
"""


def _strongest_bounds() -> str:
    """What this machine allows: its own namespaces where bubblewrap works; control groups where the
    grader may make them (root, or a delegated subtree)."""
    from autograder.sandbox import cgroups

    root = cgroups.make_root(f"autograder-test-{os.getpid()}")
    kind = f"cgroup v{root.version}" if root is not None else "counted"
    if root is not None:
        root.remove()
    return f"{'own' if shutil.which('bwrap') else 'shared'} namespaces, {kind}"


_STRONGEST_BOUNDS = _strongest_bounds()


GRADED_ELSEWHERE = {"replaces_the_dispatcher",  # on two exercises at once: tests/core/test_grading.py
                    "hides_an_implementation_behind_a_decoy"}


def test_every_attack_has_an_expected_verdict() -> None:
    assert {p.stem for p in ATTACKS.glob("*.py")} == set(EXPECTED) | GRADED_ELSEWHERE
    assert KNOWN_HOLES <= set(EXPECTED)


def test_the_level_in_force_is_the_strongest_available() -> None:
    expected = "bubblewrap" if shutil.which("bwrap") else "process"
    assert isolation.level() == expected
    assert isolation.bubblewrap_works() == (expected == "bubblewrap")


class _Listener:
    """A TCP server on this machine's loopback that records whatever reaches it."""

    def __init__(self) -> None:
        # a port the attack knows: the worker's environment is scrubbed, so it cannot be told one
        for port in range(47000, 47010):
            try:
                self.server = socket.create_server(("127.0.0.1", port))
                break
            except OSError:
                continue
        self.port = self.server.getsockname()[1]
        self.received: list[bytes] = []
        self.server.settimeout(0.2)
        self.stop = False
        self.thread = threading.Thread(target=self._serve, daemon=True)
        self.thread.start()

    def _serve(self) -> None:
        while not self.stop:
            try:
                conn, _ = self.server.accept()
            except OSError:
                continue
            with conn:
                conn.settimeout(1)
                try:
                    self.received.append(conn.recv(100))
                except OSError:
                    pass

    def close(self) -> None:
        self.stop = True
        self.thread.join()
        self.server.close()


def _orphans() -> list[int]:
    found = []
    for entry in os.listdir("/proc"):
        try:
            with open(f"/proc/{entry}/comm") as comm:
                if comm.read().strip() == ORPHAN_TOKEN:
                    found.append(int(entry))
        except (OSError, ValueError):
            pass
    return found


def _remove_shared_leftovers() -> None:
    """What attacks leave in the machine's /dev/shm and /tmp without namespaces (hundreds of MiB)."""
    for folder in (Path("/dev/shm"), Path("/tmp")):
        for leftover in folder.glob("ag-adv-*"):
            leftover.unlink(missing_ok=True)


def _canaries(tmp_path: Path) -> list[Path]:
    kit = ROOT
    places = [Path("/tmp/autograder-adversarial-canary"), Path("/tmp/autograder-adversarial-canary-2"),
              tmp_path / "canary", kit / "autograder-adversarial-canary", Path.home() / "results.json"]
    return [p for p in places if p.exists()]


class _Batch:
    """One level's batch, graded in a grader process of its own; the attacks in ``gated`` come last and wait
    for ``gate``."""

    def __init__(self, tmp_path: Path, level: str, port: int, gate: Path, gated: frozenset[str] = frozenset()) -> None:
        tmp_path.mkdir()
        self.tmp_path, self.level = tmp_path, level
        self.plan: list[tuple[str, str, str]] = []
        batch: list[tuple[str, str, bool]] = []

        def add(kind: str, name: str, exercise: str, source: Path, waits: bool = False) -> None:
            folder = tmp_path / "class" / f"{len(batch):02d}-{kind}-{name}"
            folder.mkdir(parents=True)
            shutil.copy(source, folder / f"{MODULES[exercise]}.py")
            batch.append((str(folder), exercise, waits))
            self.plan.append((kind, name, exercise))

        # an honest student after every attack (the cheap exercise; the timed one at both ends)
        add("honest", "first", "gru_step", SOLUTIONS / "rnn.py")
        for name in sorted(EXPECTED, key=lambda name: (name in gated, name)):
            add("attack", name, EXPECTED[name][0], ATTACKS / f"{name}.py", waits=name in gated)
            add("honest", f"after-{name}", "conv_output_size", SOLUTIONS / "cnn.py", waits=name in gated)
        add("honest", "last", "gru_step", SOLUTIONS / "rnn.py", waits=bool(gated))
        # the process level runs as its weakest: no namespaces, no control groups (counted bounds)
        weakest = {"AUTOGRADER_NAMESPACES": "off", "AUTOGRADER_CGROUPS": "off"} if level == "process" else {}
        env = {**os.environ, **weakest, "AUTOGRADER_TEST_SECRET": SECRET, "AUTOGRADER_ISOLATION": level,
               "AUTOGRADER_MEMORY_MB": "1024", "AUTOGRADER_MAX_PROCESSES": "64",
               "AUTOGRADER_ADVERSARIAL_PORT": str(port), "AUTOGRADER_ADVERSARIAL_CANARY": str(tmp_path / "canary")}
        self.out = tmp_path / "results.json"
        self.output = tmp_path / "output.txt"  # a file, not a pipe: nobody reads it while the other batch runs
        self.start = time.monotonic()
        with self.output.open("w") as output:
            exercises = json.dumps(sorted({exercise for _, exercise, _ in batch}))
            self.proc = subprocess.Popen([sys.executable, "-c", _DRIVER, json.dumps(batch), str(self.out), str(gate),
                                          exercises],
                                         env=env, stdout=output, stderr=subprocess.STDOUT, text=True)

    def results(self) -> tuple[list[dict], float]:
        try:
            returncode = self.proc.wait(timeout=max(1.0, self.start + BOUND_SECONDS - time.monotonic()))
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
            raise AssertionError(f"the {self.level} batch took longer than {BOUND_SECONDS} s") from None
        elapsed = time.monotonic() - self.start
        assert returncode == 0, self.output.read_text()[-3000:]
        return json.loads(self.out.read_text()), elapsed


@pytest.mark.slow(seconds=240)
@pytest.mark.grading
def test_hostile_submissions_get_nothing_and_leave_nothing(tmp_path: Path) -> None:
    for stale in _canaries(tmp_path):
        stale.unlink()
    _remove_shared_leftovers()
    listener = _Listener()
    gate = tmp_path / "gate"
    batches: list[_Batch] = []
    try:
        batches.append(_Batch(tmp_path / "auto", "auto", listener.port, gate))
        batches.append(_Batch(tmp_path / "process", "process", listener.port, gate, gated=frozenset(LEAVE_TRACES)))
        first, second = batches
        _check_batch(first, listener)  # the second batch has left no trace yet: it waits at the gate
        gate.touch()
        _check_batch(second, listener)
    finally:
        gate.touch()
        for batch in batches:
            if batch.proc.poll() is None:
                batch.proc.kill()
                batch.proc.wait()
        listener.close()
        _remove_shared_leftovers()


def _check_batch(batch: _Batch, listener: _Listener) -> None:
    results, elapsed = batch.results()
    plan, level = batch.plan, batch.level
    in_force = isolation.level() if level == "auto" else "process"

    assert len(results) == len(plan)
    assert elapsed < BOUND_SECONDS
    escaped = set()
    for result, (kind, name, exercise) in zip(results, plan, strict=True):
        assert result["isolation"] == in_force
        assert result["bounds"] == ("shared namespaces, counted" if level == "process" else _STRONGEST_BOUNDS)
        (verdict,) = result["exercises"]
        explain = f"{level} level, {kind} {name}: {verdict['status']} {verdict['score']}\n{verdict['feedback']}"
        if kind == "honest":
            assert verdict["status"] == "passed", explain
            assert verdict["score"] == HONEST[exercise][1], explain
            continue
        _, statuses, most = EXPECTED[name]
        if in_force == "process" and name in MAY_PASS_WITHOUT_NAMESPACES and verdict["status"] == "passed":
            escaped.add(name)
            continue
        assert verdict["status"] in statuses, explain
        assert verdict["score"] <= most, explain

    text = json.dumps(results)
    assert SECRET not in text
    assert not _orphans(), "a process left behind by a submission outlived the grading"
    # the traces of this batch; cleared for the next one
    if listener.received:
        escaped.add("network")
        listener.received.clear()
    if _canaries(batch.tmp_path):
        escaped.add("writes_files")
        for canary in _canaries(batch.tmp_path):
            canary.unlink()
    if in_force == "bubblewrap":
        assert escaped == set(), level
    else:
        # the file system and the network are the grader's; what /tmp and /dev/shm hold may pass too
        assert NOT_CONTAINED_BY_PROCESS_LEVEL - MAY_PASS_WITHOUT_NAMESPACES <= escaped, level
        assert escaped <= NOT_CONTAINED_BY_PROCESS_LEVEL | MAY_PASS_WITHOUT_NAMESPACES, level
