"""Hostile and broken submissions, graded in one batch with honest ones around them, at each isolation level.

Each file in tests/adversarial/ is one attack (its docstring says which). The batch runs in a separate
grader process whose own environment holds a secret, so that a leak of the grader's environment would
show. Asserted: no attack gets points it did not earn, honest submissions keep their exact scores, the
batch ends within a bound, every result is well-formed JSON, the secret appears nowhere, nothing outlives
the grading, and (where the level promises it) nothing was written outside the worker's directory and
nothing reached the network.
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
ORPHAN_TOKEN = "autograder-adversarial-orphan"
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
}
# What the process level does not promise (README, SECURITY.md): without namespaces the file system and the
# network are the grader's. These attacks succeed there, and only these.
NOT_CONTAINED_BY_PROCESS_LEVEL = {"reads_solutions_quietly", "writes_files", "network"}
HONEST = {"conv_output_size": ("cnn", 5), "gru_step": ("rnn", 10)}

_DRIVER = """
import dataclasses, json, sys
from pathlib import Path
from autograder.core.grader import Grader
from autograder.specs import get
batch, out = json.loads(sys.argv[1]), sys.argv[2]
exercises = [dataclasses.replace(get(ex), time_limit=8.0) for ex in ("conv_output_size", "gru_step")]
results = []
with Grader(seed=3, device="cpu", exercises=exercises) as grader:
    for folder, exercise in batch:
        results.append(grader.grade(folder, only=[exercise]).to_dict())
        Path(out).write_text(json.dumps(results))
"""


def test_every_attack_has_an_expected_verdict() -> None:
    assert {p.stem for p in ATTACKS.glob("*.py")} == set(EXPECTED)


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
            with open(f"/proc/{entry}/cmdline", "rb") as cmdline:
                if cmdline.read().startswith(ORPHAN_TOKEN.encode()):
                    found.append(int(entry))
        except (OSError, ValueError):
            pass
    return found


def _canaries(tmp_path: Path) -> list[Path]:
    kit = ROOT
    places = [Path("/tmp/autograder-adversarial-canary"), Path("/tmp/autograder-adversarial-canary-2"),
              tmp_path / "canary", kit / "autograder-adversarial-canary", Path.home() / "results.json"]
    return [p for p in places if p.exists()]


def _run_batch(tmp_path: Path, level: str) -> tuple[list[dict], list[tuple[str, str, str]], float, _Listener]:
    batch, plan = [], []

    def add(kind: str, name: str, exercise: str, source: Path) -> None:
        folder = tmp_path / "class" / f"{len(batch):02d}-{kind}-{name}"
        folder.mkdir(parents=True)
        shutil.copy(source, folder / f"{HONEST[exercise][0]}.py")
        batch.append((str(folder), exercise))
        plan.append((kind, name, exercise))

    # an honest student after every attack (the cheap exercise; the timed one at both ends)
    add("honest", "first", "gru_step", SOLUTIONS / "rnn.py")
    for name, (exercise, _, _) in sorted(EXPECTED.items()):
        add("attack", name, exercise, ATTACKS / f"{name}.py")
        add("honest", f"after-{name}", "conv_output_size", SOLUTIONS / "cnn.py")
    add("honest", "last", "gru_step", SOLUTIONS / "rnn.py")
    listener = _Listener()
    env = {**os.environ, "AUTOGRADER_TEST_SECRET": SECRET, "AUTOGRADER_ISOLATION": level,
           "AUTOGRADER_MEMORY_MB": "1024", "AUTOGRADER_MAX_PROCESSES": "64",
           "AUTOGRADER_ADVERSARIAL_PORT": str(listener.port),
           "AUTOGRADER_ADVERSARIAL_CANARY": str(tmp_path / "canary")}
    out = tmp_path / "results.json"
    start = time.monotonic()
    try:
        done = subprocess.run([sys.executable, "-c", _DRIVER, json.dumps(batch), str(out)], env=env,
                              capture_output=True, text=True, timeout=BOUND_SECONDS)
    finally:
        listener.close()
    elapsed = time.monotonic() - start
    assert done.returncode == 0, done.stderr[-3000:]
    return json.loads(out.read_text()), plan, elapsed, listener


@pytest.mark.slow
def test_hostile_submissions_get_nothing_and_leave_nothing(tmp_path: Path) -> None:
    # one level after the other: both batches' attacks knock on the same ports
    for level in ("auto", "process"):
        _check_batch(tmp_path / level, level)


def _check_batch(tmp_path: Path, level: str) -> None:
    tmp_path.mkdir()
    for stale in _canaries(tmp_path):
        stale.unlink()
    results, plan, elapsed, listener = _run_batch(tmp_path, level)
    in_force = isolation.level() if level == "auto" else "process"

    assert len(results) == len(plan)
    assert elapsed < BOUND_SECONDS
    escaped = set()
    for result, (kind, name, exercise) in zip(results, plan, strict=True):
        assert result["isolation"] == in_force
        (verdict,) = result["exercises"]
        explain = f"{kind} {name}: {verdict['status']} {verdict['score']}\n{verdict['feedback']}"
        if kind == "honest":
            assert verdict["status"] == "passed", explain
            assert verdict["score"] == HONEST[exercise][1], explain
            continue
        _, statuses, most = EXPECTED[name]
        if in_force == "process" and name == "reads_solutions_quietly" and verdict["status"] == "passed":
            escaped.add(name)
            continue
        assert verdict["status"] in statuses, explain
        assert verdict["score"] <= most, explain

    text = json.dumps(results)
    assert SECRET not in text
    assert not _orphans(), "a process left behind by a submission outlived the grading"
    if listener.received:
        escaped.add("network")
    if _canaries(tmp_path):
        escaped.add("writes_files")
        for canary in _canaries(tmp_path):
            canary.unlink()
    if in_force == "bubblewrap":
        assert escaped == set()
    else:
        assert escaped == NOT_CONTAINED_BY_PROCESS_LEVEL
