"""A Gradescope autograder: the bundle an instructor uploads, and what grades each submission inside it.

``autograder release --gradescope FILE.zip`` writes the zip Gradescope's contract asks for (``setup.sh`` and
``run_autograder`` at its root; Gradescope unpacks it into ``/autograder/source``):

- the kit without its answer key's sources: the grader package as the student release copies it
  (:func:`~autograder.release.student.released_package_files`) plus ``autograder/keys/`` (the hand-written
  references: this bundle grades, and it is the instructor's, never the students'), ``datasets/`` with the
  held-out images that score ``train_lenet`` and ``train_autoencoder``, and ``pyproject.toml``; never
  ``solutions/`` or ``tests/``;
- ``grading_secret``: a random seed of 128 bits drawn when the bundle is written, so that every submission
  is graded on the same secret cases (the bundle's own final-grading seed), and ``gradescope.json``: the
  exercises it grades;
- ``setup.sh`` (run as root when Gradescope builds the image: Python 3.11, bubblewrap, PyTorch for the CPU,
  the kit) and ``run_autograder``, which runs :func:`run`.

:func:`run` grades ``/autograder/submission`` (its ``.py`` and ``.ipynb`` files, found as ``grade-all`` finds a
student's) with the same grader as ``grade-all``: the student's code runs only in sandboxed workers, and
only this trusted process writes ``/autograder/results/results.json`` (the export's Gradescope format, the
seed left out), after every worker has ended, replacing whatever was there. What keeps the secret and the
results out of the student's reach is said in SECURITY.md ("Gradescope"). ``AUTOGRADER_GRADESCOPE_ROOT``
moves ``/autograder`` (the tests run the bundle in a temporary copy of that layout).
"""

from __future__ import annotations

import json
import os
import re
import secrets
import sys
import tempfile
import time
import zipfile
from pathlib import Path
from typing import Any

from autograder.core.messages import say, shown_submission_status
from autograder.release import student

ROOT = Path("/autograder")
SECRET_FILE = "grading_secret"
CONFIG_FILE = "gradescope.json"
# without bubblewrap, a worker would run as the grader's user, who may read the secret: refuse to grade
ISOLATION = "bubblewrap"


# -- the bundle ---------------------------------------------------------------------------------------------
def bundle(target: Path, only: list[str] | None = None, force: bool = False) -> list[str]:
    """Write the autograder zip ``target``; returns the names it holds."""
    from autograder.specs import all_exercises

    known = [ex.id for ex in all_exercises()]
    if only and set(only) - set(known):
        raise KeyError(say("unknown_exercises", names=", ".join(sorted(set(only) - set(known)))))
    if target.exists() and not force:
        raise FileExistsError(say("gradescope_exists", target=target))
    members = _members(only)
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(target.name + ".partial")
    with zipfile.ZipFile(partial, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, (data, mode) in sorted(members.items()):
            info = zipfile.ZipInfo(name, date_time=(2020, 1, 1, 0, 0, 0))
            info.external_attr = (0o100000 | mode) << 16  # a regular file, its permissions
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, data)
    os.replace(partial, target)
    return sorted(members)


def _members(only: list[str] | None) -> dict[str, tuple[bytes, int]]:
    """Every file of the bundle, by its name in the zip, with its permissions."""
    members: dict[str, tuple[bytes, int]] = {}
    for path in [*student.released_package_files(), *sorted((student.PACKAGE / "keys").glob("*.py"))]:
        members[path.relative_to(student.ROOT).as_posix()] = (path.read_bytes(), 0o644)
    datasets = student.ROOT / "datasets"
    for path in sorted(datasets.rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts:
            members[path.relative_to(student.ROOT).as_posix()] = (path.read_bytes(), 0o644)
    members["pyproject.toml"] = ((student.ROOT / "pyproject.toml").read_bytes(), 0o644)
    members[CONFIG_FILE] = (json.dumps({"exercises": only}, indent=2).encode() + b"\n", 0o644)
    members[SECRET_FILE] = (f"{secrets.randbits(128):032x}\n".encode(), 0o400)
    members["setup.sh"] = (setup_script().encode(), 0o755)
    members["run_autograder"] = (run_script().encode(), 0o755)
    return members


def setup_script() -> str:
    """``setup.sh``: Python 3.11, bubblewrap, PyTorch (CPU) and the kit, in ``/autograder/venv``."""
    pins = " ".join(f'"{pin}"' for pin in re.findall(r'"(torch(?:vision)?[<>=!~][^"]*)"',
                                                    (student.ROOT / "pyproject.toml").read_text(encoding="utf-8")))
    return f"""#!/usr/bin/env bash
# Written by `autograder release --gradescope`: Gradescope runs it once, as root, when it builds the image.
set -euo pipefail
cd /autograder/source
apt-get update -q
apt-get install -y -q python3.11 python3.11-venv bubblewrap
python3.11 -m venv /autograder/venv
/autograder/venv/bin/pip install --quiet --upgrade pip
/autograder/venv/bin/pip install --quiet {pins or "torch torchvision"} --index-url https://download.pytorch.org/whl/cpu
/autograder/venv/bin/pip install --quiet -e /autograder/source
# the secret cases' seed: root's alone; the student's workers never see this folder (SECURITY.md)
chown root:root /autograder/source/{SECRET_FILE}
chmod 0400 /autograder/source/{SECRET_FILE}
"""


def run_script() -> str:
    """``run_autograder``: grade the submission with the kit in ``source/``."""
    return f"""#!/usr/bin/env bash
# Written by `autograder release --gradescope`: grades /autograder/submission into
# /autograder/results/results.json. AUTOGRADER_GRADESCOPE_ROOT moves /autograder (tests).
set -u
ROOT="${{AUTOGRADER_GRADESCOPE_ROOT:-{ROOT}}}"
PYTHON="${{AUTOGRADER_GRADESCOPE_PYTHON:-$ROOT/venv/bin/python}}"
cd "$ROOT/source"
export PYTHONPATH="$ROOT/source"
export AUTOGRADER_ISOLATION="${{AUTOGRADER_ISOLATION:-{ISOLATION}}}"
exec "$PYTHON" -m autograder.release.gradescope "$ROOT"
"""


# -- grading inside Gradescope --------------------------------------------------------------------------
def run(root: Path) -> int:
    """Grade ``root/submission`` and write ``root/results/results.json``; 0 once it is written."""
    start = time.monotonic()
    results = root / "results" / "results.json"
    try:
        data = _grade(root, start)
    except Exception as err:  # Gradescope fails a run without results.json: say what went wrong instead
        data = _failure(say("gradescope_failed", error=f"{type(err).__name__}: {err}"))
    _write(results, data)
    return 0


def _grade(root: Path, start: float) -> dict[str, Any]:
    from autograder.batch import exports
    from autograder.batch.discovery import read_entry
    from autograder.batch.gradebook import Record
    from autograder.core.grader import Grader
    from autograder.core.status import SubmissionStatus
    from autograder.specs import all_exercises

    source = root / "source"
    seed = int((source / SECRET_FILE).read_text(encoding="utf-8").strip(), 16)
    chosen = json.loads((source / CONFIG_FILE).read_text(encoding="utf-8"))["exercises"]
    exercises = [ex for ex in all_exercises() if chosen is None or ex.id in chosen]
    entry = read_entry(root / "submission")
    if entry.status != SubmissionStatus.OK:
        return _failure(say("gradescope_not_graded", status=shown_submission_status(entry.status), detail=entry.detail))
    with tempfile.TemporaryDirectory(prefix="gradescope-") as folder:
        for name, data in entry.files.items():  # by file name, as grade-all reads a student's folder
            Path(folder, name).write_bytes(data)
        with Grader(seed=seed, device="auto", exercises=exercises, secret=True) as grader:
            result = grader.grade(folder)
    result.submission = "submission"
    record = Record("submission", "graded", notes=entry.notes, result=result, seconds=time.monotonic() - start)
    return exports.gradescope_json(record, exercises)


def _failure(output: str) -> dict[str, Any]:
    return {"score": 0.0, "output": output, "output_format": "text", "visibility": "visible",
            "stdout_visibility": "hidden", "tests": []}


def _write(path: Path, data: dict[str, Any]) -> None:
    """``data`` as ``path``, atomically, replacing whatever a submission may have left there."""
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(path.name + ".partial")
    if partial.is_symlink() or partial.exists():
        partial.unlink()
    partial.write_text(json.dumps(data, indent=2, allow_nan=False) + "\n", encoding="utf-8")
    os.replace(partial, path)


if __name__ == "__main__":
    sys.exit(run(Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT))
