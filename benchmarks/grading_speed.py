"""How long grading takes, per exercise, and how much of it is the grader's own overhead.

For each exercise, on the answer key (solutions/):
- student compute: the solution's own time on every case, called directly in this process;
- grading, warm worker: the correctness cases through a worker that has already started (inputs,
  reference, the round trip, the dispatcher watch, comparison);
- overhead per case: grading minus student compute, divided by the number of cases;
- grade: ``Grader.grade`` as a whole (worker start-up and the timing verdict included);
- check CLI: ``autograder check solutions --only ID`` as a student runs it (the command's own PyTorch
  import and its workers' included).

Run: ``make bench`` (or ``.venv/bin/python benchmarks/grading_speed.py``).
"""

from __future__ import annotations

import importlib.util
import statistics
import subprocess
import sys
import time
from pathlib import Path

from rich.console import Console
from rich.table import Table

from autograder.core.grader import Grader
from autograder.core.submission import Submission, read_submission
from autograder.sandbox.launcher import WorkerProcess
from autograder.specs import all_exercises

ROOT = Path(__file__).resolve().parents[1]
SEED = 0


def load_solution(module: str):
    spec = importlib.util.spec_from_file_location(f"solution_{module}", ROOT / "solutions" / f"{module}.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def student_compute(exercise) -> float:
    fn = getattr(load_solution(exercise.module), exercise.function)
    inputs = [exercise.inputs(case.params, SEED) for case in exercise.cases(SEED)]
    for kwargs in inputs[:3]:  # warm-up
        _call(fn, kwargs)
    start = time.perf_counter()
    for kwargs in inputs:
        _call(fn, kwargs)
    return time.perf_counter() - start


def _call(fn, kwargs):
    try:
        return fn(**kwargs)
    except Exception:
        return None


def timed(fn) -> float:
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def main() -> None:
    console = Console(width=150)
    starts = []
    for _ in range(3):
        worker = WorkerProcess("student")
        starts.append(timed(worker.start))
        worker.close()
    worker_start = statistics.median(starts)
    table = Table(title="Grading time per exercise (answer key, CPU, seed 0)")
    for column in ("exercise", "cases", "student compute", "grading, warm worker", "overhead per case",
                   "grade (start-up and timing included)", "check CLI"):
        table.add_column(column, justify="right")
    totals = [0.0] * 4
    files, _ = read_submission(ROOT / "solutions")
    with Grader(seed=SEED, device="cpu", timing_enabled=False) as plain, Grader(seed=SEED, device="cpu") as full:
        for ex in all_exercises():
            n_cases = len(ex.cases(SEED))
            compute = student_compute(ex)
            warm = Submission(files, "cpu")
            warm.request({"op": "load", "files": files})  # start-up and loading out of the measurement
            grading = timed(lambda ex=ex, warm=warm: plain.grade_exercise(ex, warm, files, {}))
            warm.close()
            whole = timed(lambda ex=ex: full.grade(ROOT / "solutions", only=[ex.id]))
            cli = timed(lambda ex=ex: subprocess.run(
                [sys.executable, "-m", "autograder.cli", "check", str(ROOT / "solutions"), "--only", ex.id,
                 "--device", "cpu"], capture_output=True, check=False))
            for i, value in enumerate((compute, grading, whole, cli)):
                totals[i] += value
            table.add_row(ex.id, str(n_cases), f"{compute * 1000:.1f} ms", f"{grading:.2f} s",
                          f"{(grading - compute) / n_cases * 1000:.1f} ms", f"{whole:.2f} s", f"{cli:.2f} s")
    table.add_row("all (sum)", "", f"{totals[0] * 1000:.1f} ms", f"{totals[1]:.2f} s", "", f"{totals[2]:.2f} s",
                  f"{totals[3]:.2f} s")
    console.print(table)
    console.print(f"worker start-up (fresh Python + PyTorch import): {worker_start:.2f} s, paid once per submission")
    whole = timed(lambda: subprocess.run([sys.executable, "-m", "autograder.cli", "check", str(ROOT / "solutions"),
                                          "--device", "cpu"], capture_output=True, check=False))
    console.print(f"autograder check solutions (all exercises, with timing): {whole:.2f} s")


if __name__ == "__main__":
    main()
