"""How long a student waits for ``check``: without the warm service (cold) and with it (warm), side by side.

Each figure is the median of ``--runs`` wall-clock measurements of a fresh command, as a student types it:

- ``check solutions --only gru_step --no-timing`` and the same with the timing verdict: ``--no-service``
  (every check imports PyTorch three times, as before the service), the first check after
  ``autograder service stop`` (it starts the service) and a check that finds the service warm;
- a notebook's ``check("gru_step")`` cell, executed headless by a Jupyter kernel (nbclient) after a cell
  that defines the answer key's ``gru_step`` and a cell that "trains" for a few seconds: the check cell's
  own time (what the student waits beyond their own cells), without and with the service;
- ``autograder list``, ``--help``, ``--version`` and a folder that does not exist, none of which may
  import PyTorch (checked with ``-X importtime``).

The service runs in a private folder of its own (``AUTOGRADER_SERVICE_DIR``) and is stopped at the end.
Run: ``.venv/bin/python benchmarks/check_latency.py [--runs N]``.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
AUTOGRADER = [sys.executable, "-m", "autograder.cli"]


def timed(command: list[str], env: dict[str, str], ok: tuple[int, ...] = (0,)) -> float:
    start = time.perf_counter()
    done = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=1800)
    elapsed = time.perf_counter() - start
    if done.returncode not in ok:
        sys.exit(f"{' '.join(command)} exited {done.returncode}:\n{done.stdout[-3000:]}\n{done.stderr[-3000:]}")
    return elapsed


def imports_torch(command: list[str], env: dict[str, str]) -> bool:
    done = subprocess.run([sys.executable, "-X", "importtime", *command[1:]], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=600)
    return any(line.rstrip().endswith("| torch") for line in done.stderr.splitlines())


def median(values: list[float]) -> str:
    return f"{statistics.median(values):.2f} s" if values else "-"


def notebook_check_seconds(env: dict[str, str], service: bool, work: Path, timing: bool = True) -> float:
    """The check cell's own time in a headless kernel: a cell defining gru_step, a slow cell, the check."""
    import nbformat
    from nbclient import NotebookClient

    key = (ROOT / "solutions" / "rnn.py").read_text(encoding="utf-8")
    cells = [nbformat.v4.new_code_cell(key),
             nbformat.v4.new_code_cell("import time\nfor epoch in range(30):\n    time.sleep(0.1)  # 'training'"),
             nbformat.v4.new_code_cell(f'from autograder import check\nfeedback = check("gru_step", '
                                       f'service={service}, timing={timing})\n'
                                       'assert feedback.score == feedback.max_score, feedback\nfeedback')]
    notebook = nbformat.v4.new_notebook(cells=cells)
    old = dict(os.environ)
    os.environ.update(env)
    try:
        NotebookClient(notebook, timeout=900, kernel_name="python3", resources={"metadata": {"path": str(work)}},
                       record_timing=True).execute()
    finally:
        os.environ.clear()
        os.environ.update(old)
    timing = notebook.cells[2].metadata.execution
    start = _timestamp(timing["iopub.execute_input"])
    return _timestamp(timing["shell.execute_reply"]) - start


def _timestamp(text: str) -> float:
    from datetime import datetime

    return datetime.fromisoformat(text.replace("Z", "+00:00")).timestamp()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=3, help="measurements of each figure (default 3)")
    parser.add_argument("--parts", default="terminal,notebook,quick",
                        help="which figures, comma-separated: terminal, notebook, quick (default: all)")
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="check-latency-"))
    env = {**os.environ, "AUTOGRADER_SERVICE_DIR": str(folder / "service"), "PYTHONPATH": str(ROOT)}
    env.pop("AUTOGRADER_SERVICE", None)
    stop = [*AUTOGRADER, "service", "stop"]
    base = [*AUTOGRADER, "check", "solutions", "--only", "gru_step", "--device", "cpu"]
    rows: list[tuple[str, str, str, str]] = []
    light: list[tuple[str, str, str]] = []
    parts = set(args.parts.split(","))
    try:
        for label, extra in [] if "terminal" not in parts else (("check --only gru_step --no-timing", ["--no-timing"]),
                             ("check --only gru_step (timing verdict)", [])):
            cold, first, warm = [], [], []
            for _ in range(args.runs):
                cold.append(timed([*base, *extra, "--no-service"], env))
                timed(stop, env)
                first.append(timed([*base, *extra], env))
                warm.append(timed([*base, *extra], env))
                warm.append(timed([*base, *extra], env))
            rows.append((label, median(cold), median(first), median(warm)))
            print(rows[-1], flush=True)
        if "notebook" in parts:  # the cold runs first, then the warm ones: a cold run's processes cannot slow them
            work = folder / "notebook"
            work.mkdir()
            cold_nb = [notebook_check_seconds(env, False, work) for _ in range(args.runs)]
            notebook_check_seconds(env, True, work)  # starts the service
            warm_nb = [notebook_check_seconds(env, True, work) for _ in range(args.runs)]
            untimed_nb = [notebook_check_seconds(env, True, work, timing=False) for _ in range(args.runs)]
            rows.append(('notebook check("gru_step") cell', median(cold_nb), "-", median(warm_nb)))
            rows.append(('notebook check("gru_step", timing=False)', "-", "-", median(untimed_nb)))
            for row in rows[-2:]:
                print(row, flush=True)
        quick = {"list": ["list"], "--help": ["--help"], "--version": ["--version"],
                 "check no/such/folder": ["check", "no/such/folder"]}
        for name, argv in quick.items() if "quick" in parts else []:
            seconds = [timed([*AUTOGRADER, *argv], env, ok=(0, 2)) for _ in range(args.runs)]
            torch = imports_torch([*AUTOGRADER, *argv], env)
            light.append((name, median(seconds), "imports torch" if torch else "no torch"))
            print(light[-1], flush=True)
    finally:
        subprocess.run(stop, cwd=ROOT, env=env, capture_output=True, timeout=60)
        shutil.rmtree(folder, ignore_errors=True)
    print(f"\nmedians of {args.runs} ({os.cpu_count()} CPUs, load {os.getloadavg()[0]:.1f})")
    print(f"| {'':40} | {'cold: --no-service':>18} | {'first (starts it)':>17} | {'warm service':>12} |")
    for label, cold_s, first_s, warm_s in rows:
        print(f"| {label:40} | {cold_s:>18} | {first_s:>17} | {warm_s:>12} |")
    for name, seconds, note in light:
        print(f"| autograder {name:29} | {seconds:>18} | {note:>17} | {'':>12} |")
    print(json.dumps({"rows": rows, "light": light}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
