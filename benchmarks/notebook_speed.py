"""How long one notebook submission takes to grade: ``autograder grade`` against ``nbgrader autograde``.

A temporary nbgrader course is made with ``autograder release --nbgrader`` (one exercise, ``gru_step`` by
default), ``nbgrader generate_assignment`` hands out its notebook, and a student fills in the answer key.
Then the same notebook is graded both ways, alternately (A B A B ...), so that the machine's load drifts
alike for both:

- ``autograder grade``: the command as CI runs it on the notebook (its PyTorch import, its workers, the
  timing verdict), in a fresh process each time;
- ``nbgrader autograde``: nbgrader's own run of the same notebook (its gradebook, a Jupyter kernel that
  executes every cell), whose test cell calls this autograder's ``check(...).award()``.

Both must award the same points. Run: ``.venv/bin/python benchmarks/notebook_speed.py [--runs N]``.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import nbformat

ROOT = Path(__file__).resolve().parents[1]


def jupyter_env(work: Path) -> dict:
    """An environment whose Jupyter lives in ``work``, with a kernel that is this interpreter (nbgrader's)."""
    from ipykernel.kernelspec import install

    install(kernel_name="python3", prefix=str(work / "jupyter"))
    return {**os.environ, "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}",
            "JUPYTER_PATH": str(work / "jupyter" / "share" / "jupyter"),
            "JUPYTER_CONFIG_DIR": str(work / ".jupyter"), "JUPYTER_DATA_DIR": str(work / ".data"),
            "IPYTHONDIR": str(work / ".ipython")}


def run(command: list[str], cwd: Path, env: dict) -> float:
    start = time.perf_counter()
    done = subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True, timeout=1800)
    elapsed = time.perf_counter() - start
    if done.returncode != 0:
        sys.exit(f"{' '.join(command)} failed:\n{done.stdout[-3000:]}\n{done.stderr[-3000:]}")
    return elapsed


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=3, help="pairs of measurements (default 3)")
    parser.add_argument("--exercise", default="gru_step", help="the exercise in the notebook (default gru_step)")
    args = parser.parse_args()

    from autograder.specs import get

    exercise = get(args.exercise)
    work = Path(tempfile.mkdtemp(prefix="notebook-speed-"))
    try:
        env = jupyter_env(work)
        course = work / "course"
        autograder = [sys.executable, "-m", "autograder.cli"]
        nbgrader = [sys.executable, "-m", "nbgrader"]
        run([*autograder, "release", "--nbgrader", str(course), "--only", exercise.id], ROOT, env)
        run([*nbgrader, "generate_assignment", exercise.module], course, env)
        source = nbformat.read(course / "source" / exercise.module / f"{exercise.module}.ipynb", as_version=4)
        (key,) = [c.source for c in source.cells if c.metadata.get("nbgrader", {}).get("solution")]
        notebook = nbformat.read(course / "release" / exercise.module / f"{exercise.module}.ipynb", as_version=4)
        for cell in notebook.cells:
            if cell.metadata.get("nbgrader", {}).get("solution"):
                cell.source = re.sub(r"\n *### (BEGIN|END) SOLUTION", "", key)
        submitted = course / "submitted" / "student" / exercise.module
        submitted.mkdir(parents=True)
        path = submitted / f"{exercise.module}.ipynb"
        nbformat.write(notebook, path)

        ours, theirs = [], []
        for i in range(args.runs):
            ours.append(run([*autograder, "grade", str(path), "--json", str(work / "ours.json"),
                             "--only", exercise.id], ROOT, env))
            theirs.append(run([*nbgrader, "autograde", exercise.module, "--force"], course, env))
            print(f"run {i + 1}: autograder grade {ours[-1]:.1f} s, nbgrader autograde {theirs[-1]:.1f} s",
                  flush=True)

        from nbgrader.api import Gradebook

        with Gradebook(f"sqlite:///{course / 'gradebook.db'}") as gradebook:
            nbgrader_points = gradebook.find_submission(exercise.module, "student").score
        our_points = json.loads((work / "ours.json").read_text())["score"]
        a, b = statistics.median(ours), statistics.median(theirs)
        print(f"\none notebook ({exercise.id}, answer key), median of {args.runs} runs, load "
              f"{os.getloadavg()[0]:.1f} on {os.cpu_count()} cores:")
        print(f"  autograder grade    {a:6.1f} s   {our_points:g} points")
        print(f"  nbgrader autograde  {b:6.1f} s   {nbgrader_points:g} points")
        print(f"  ratio (nbgrader / autograder): {b / a:.2f}x")
        return 0 if our_points == nbgrader_points else 1
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
