"""How fast a class is graded: ``autograder grade-all`` against the naive way, measured side by side.

The class is generated (``tests/support/classgen.py``: the bulk tests' class of correct, wrong, broken and hostile
answers), every student in a plain folder, graded on two cheap exercises without timing verdicts, so that
what is measured is the cost of getting a submission graded rather than the exercises' own work:

- naive: one fresh ``python -m autograder.cli grade SUBMISSION`` per submission, one after the other (each
  pays for its interpreter, its PyTorch import and its workers' start);
- grade-all with one grading process, and with the default number (one per core as memory allows): the
  whole command, its own start-up included.

Figures: wall time, submissions per second, seconds per submission over the whole run, and the
per-submission overhead: for grade-all, the median time a grading process spends on one submission
(forking an isolated worker, sending the files, the cases, the comparison); for the naive way, the median
wall time of one ``grade`` command.

``--bounds-cost R`` measures instead what the workers' own namespaces and control groups cost: R rounds of
``grade-all --workers 1`` with them and without them (``AUTOGRADER_NAMESPACES=off``,
``AUTOGRADER_CGROUPS=off``), alternated, and the difference of the median per-submission overheads.

Run: ``.venv/bin/python benchmarks/bulk_speed.py [--n 40] [--naive 10] [--bounds-cost 3]``.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from rich.console import Console
from rich.table import Table

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

from support import classgen  # noqa: E402

from autograder.batch import bulk  # noqa: E402

OPTIONS = ["--seed", "0", "--device", "cpu", "--no-timing", "--only", *classgen.EXERCISES]


def naive(students: list[Path], scratch: Path) -> dict:
    walls = []
    start = time.perf_counter()
    for folder in students:
        began = time.perf_counter()
        subprocess.run([sys.executable, "-m", "autograder.cli", "grade", str(folder), "--json",
                        str(scratch / f"{folder.name}.json"), *OPTIONS], cwd=ROOT, check=True, capture_output=True)
        walls.append(time.perf_counter() - began)
    wall = time.perf_counter() - start
    return dict(way="naive: a fresh `grade` per submission", n=len(students), wall=wall,
                overhead=statistics.median(walls), startup=None)


def grade_all(root: Path, out: Path, workers: int, env: dict[str, str] | None = None) -> dict:
    start = time.time()
    subprocess.run([sys.executable, "-m", "autograder.cli", "grade-all", str(root), "--out", str(out),
                    "--workers", str(workers), *OPTIONS], cwd=ROOT, check=True, capture_output=True,
                   env={**os.environ, **(env or {})})
    wall = time.time() - start
    rows = sqlite3.connect(out / "gradebook.db").execute(
        "SELECT seconds, finished_at FROM submissions WHERE status = 'graded' ORDER BY finished_at").fetchall()
    finished = [row[1] for row in rows]
    return dict(way=f"grade-all --workers {workers}", n=len(rows), wall=wall,
                overhead=statistics.median(row[0] for row in rows), startup=finished[0] - start)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=40, help="submissions graded by grade-all (default 40)")
    parser.add_argument("--naive", type=int, default=10,
                        help="of those, how many the naive way grades (default 10; it is slow)")
    parser.add_argument("--bounds-cost", type=int, default=0, metavar="ROUNDS",
                        help="measure what own namespaces and control groups cost per submission instead")
    args = parser.parse_args()
    if args.bounds_cost:
        bounds_cost(args.n, args.bounds_cost)
        return
    scratch = Path(tempfile.mkdtemp(prefix="autograder-bench-"))
    try:
        students = classgen.students(size=max(args.n - 1, 20), costly=False)[: args.n]
        for student in students:
            student.layout = "folder"  # `grade` reads a folder of modules
        root = classgen.write(scratch / "class", students, problems=False)
        workers = bulk.default_workers()
        console = Console() if sys.stdout.isatty() else Console(width=160)
        console.print(f"{len(students)} submissions; grade-all with 1 and {workers} grading processes, naive on "
                      f"{min(args.naive, len(students))} of them", highlight=False)
        results = [naive(sorted(root.iterdir())[: args.naive], scratch)]
        results.append(grade_all(root, scratch / "out1", 1))
        if workers > 1:
            results.append(grade_all(root, scratch / f"out{workers}", workers))
    finally:
        shutil.rmtree(scratch, ignore_errors=True)

    table = Table(title="Bulk grading (2 exercises per submission, no timing verdicts)")
    for column in ("way", "submissions", "wall s", "submissions/s", "s per submission", "start-up s",
                   "per-submission overhead s"):
        table.add_column(column, justify="left" if column == "way" else "right")
    for r in results:
        table.add_row(r["way"], str(r["n"]), f"{r['wall']:.1f}", f"{r['n'] / r['wall']:.2f}",
                      f"{r['wall'] / r['n']:.2f}", "-" if r["startup"] is None else f"{r['startup']:.1f}",
                      f"{r['overhead']:.2f}")
    console.print(table)
    base = results[0]
    for r in results[1:]:
        console.print(f"{r['way']}: {(r['n'] / r['wall']) / (base['n'] / base['wall']):.1f}x the naive way's "
                      f"throughput; per-submission overhead {base['overhead'] / r['overhead']:.0f}x smaller",
                      highlight=False)


def bounds_cost(n: int, rounds: int) -> None:
    scratch = Path(tempfile.mkdtemp(prefix="autograder-bench-"))
    shared = {"AUTOGRADER_NAMESPACES": "off", "AUTOGRADER_CGROUPS": "off"}
    overheads: dict[str, list[float]] = {"shared": [], "own": []}
    try:
        students = classgen.students(size=max(n - 1, 20), costly=False)[:n]
        root = classgen.write(scratch / "class", students, problems=False)
        for round_index in range(rounds):
            for way in (("shared", "own") if round_index % 2 == 0 else ("own", "shared")):
                out = scratch / f"{way}{round_index}"
                found = grade_all(root, out, 1, shared if way == "shared" else {})
                overheads[way].append(found["overhead"])
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    own, plain = statistics.median(overheads["own"]), statistics.median(overheads["shared"])
    print(f"{n} submissions x {rounds} rounds, grade-all --workers 1, alternated")
    print(f"per-submission overhead: {plain * 1000:.0f} ms with shared namespaces and counted bounds, "
          f"{own * 1000:.0f} ms with own namespaces and control groups: {(own - plain) * 1000:+.0f} ms")


if __name__ == "__main__":
    main()
