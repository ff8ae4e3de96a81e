"""A full submission of the answer key against ``import torch``, side by side in one run.

Each round runs, as fresh processes one after the other: ``python -c "import torch"``, then
``autograder grade solutions`` (every exercise, the timing verdicts and the LeNet training included, CPU,
the public seed). The figure is the ratio of the medians; issue "A whole class at the speed of the hardware"
asks for at most 8x. The grade must be full marks, or the figure means nothing.

Run: ``.venv/bin/python benchmarks/full_submission.py [--rounds 3]``.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def timed(command: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(command, cwd=ROOT, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=3)
    rounds = parser.parse_args().rounds
    imports, grades = [], []
    with tempfile.TemporaryDirectory() as folder:
        result = Path(folder) / "result.json"
        for _ in range(rounds):
            imports.append(timed([sys.executable, "-c", "import torch"]))
            grades.append(timed([sys.executable, "-m", "autograder.cli", "grade", "solutions", "--json", str(result),
                                 "--device", "cpu", "--seed", "0"]))
            data = json.loads(result.read_text())
            assert data["score"] == data["max_score"], "the key lost points: the figure would mean nothing"
    ratio = statistics.median(grades) / statistics.median(imports)
    print(f"import torch: {' / '.join(f'{t:.1f}' for t in imports)} s (median {statistics.median(imports):.1f} s)")
    print(f"grade solutions: {' / '.join(f'{t:.1f}' for t in grades)} s (median {statistics.median(grades):.1f} s)")
    print(f"ratio of the medians: {ratio:.1f}x (load average at the end: {os.getloadavg()[0]:.1f})")


if __name__ == "__main__":
    main()
