"""The Gradescope autograder bundle (`autograder release --gradescope`): its zip follows Gradescope's
contract, and its `run_autograder`, run in a copy of Gradescope's layout (a temporary /autograder), grades
the submission in the sandbox into a valid results.json that the submission could neither forge nor use to
read the secret."""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from support.exports import check_gradescope

from autograder.cli import main
from autograder.release import gradescope

VARIANTS = Path(__file__).resolve().parents[1] / "variants"
# a reference that is PyTorch's own, one that is hand-written (autograder/keys/), and one the student fails
ONLY = ["conv_output_size", "linear_beta_schedule", "relu"]


def test_the_bundle_follows_gradescopes_contract(tmp_path: Path) -> None:
    assert main(["release", "--gradescope", str(tmp_path / "a.zip"), "--only", *ONLY]) == 0
    with zipfile.ZipFile(tmp_path / "a.zip") as archive:
        names = archive.namelist()
        modes = {info.filename: info.external_attr >> 16 for info in archive.infolist()}
        secret = archive.read(gradescope.SECRET_FILE).decode().strip()
        config = json.loads(archive.read(gradescope.CONFIG_FILE))
    assert {"setup.sh", "run_autograder", "pyproject.toml"} <= set(names)  # at the zip's root
    assert modes["run_autograder"] & stat.S_IXUSR and modes["setup.sh"] & stat.S_IXUSR
    assert modes[gradescope.SECRET_FILE] & 0o777 == 0o400
    assert any(n.startswith("autograder/keys/") for n in names)  # it grades: the hand-written references
    assert any(n.startswith("datasets/digits/test/") for n in names)  # and train_lenet's held-out images
    assert not [n for n in names if n.startswith(("solutions/", "tests/", "examples/", "exercises/"))]
    assert len(secret) == 32 and int(secret, 16) >= 0 and config == {"exercises": ONLY}
    assert main(["release", "--gradescope", str(tmp_path / "b.zip")]) == 0
    with zipfile.ZipFile(tmp_path / "b.zip") as archive:
        assert archive.read(gradescope.SECRET_FILE).decode().strip() != secret  # each bundle its own secret
    assert main(["release", "--gradescope", str(tmp_path / "a.zip")]) == 2  # exists: --force replaces it
    assert main(["release", str(tmp_path / "dir"), "--gradescope", str(tmp_path / "c.zip")]) == 2


def _gradescope_layout(bundle: Path, root: Path) -> None:
    """What Gradescope makes of the zip: /autograder/source/ holding it (modes kept), run_autograder copied
    to /autograder/, an empty results/ and the student's files in submission/."""
    with zipfile.ZipFile(bundle) as archive:
        for info in archive.infolist():
            path = root / "source" / info.filename
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(archive.read(info))
            path.chmod(info.external_attr >> 16 & 0o777)
    (root / "run_autograder").write_bytes((root / "source" / "run_autograder").read_bytes())
    (root / "run_autograder").chmod(0o755)
    (root / "results").mkdir()
    (root / "submission" / "nested").mkdir(parents=True)


@pytest.mark.slow(seconds=30)
@pytest.mark.grading
def test_run_autograder_grades_the_submission_in_gradescopes_layout(tmp_path: Path) -> None:
    root = tmp_path / "autograder"
    assert main(["release", "--gradescope", str(tmp_path / "bundle.zip"), "--only", *ONLY]) == 0
    _gradescope_layout(tmp_path / "bundle.zip", root)
    results = root / "results" / "results.json"
    secret_file = root / "source" / gradescope.SECRET_FILE
    secret = secret_file.read_text().strip()
    correct = (VARIANTS / "conv_output_size" / "correct_math_floor.py").read_text(encoding="utf-8")
    # a submission that also tries to forge the results and to read the secret (sent back in an error)
    attack = f'''
def _attack():
    try:
        with open({str(results)!r}, "w") as out:
            out.write('{{"score": 999, "tests": []}}')
    except OSError:
        pass
    try:
        with open({str(secret_file)!r}) as f:
            return f.read()
    except OSError as err:
        return str(err)

_LEAK = _attack()


def relu(x):
    raise ValueError("leak: " + _LEAK)
'''
    (root / "submission" / "nested" / "cnn.py").write_text(correct, encoding="utf-8")
    schedule = VARIANTS / "linear_beta_schedule" / "correct_loop.py"
    (root / "submission" / "diffusion.py").write_bytes(schedule.read_bytes())
    (root / "submission" / "basics.py").write_text(attack, encoding="utf-8")
    env = dict(os.environ, AUTOGRADER_GRADESCOPE_ROOT=str(root), AUTOGRADER_GRADESCOPE_PYTHON=sys.executable)
    kit = subprocess.run([sys.executable, "-c", "import autograder; print(autograder.__file__)"], env=dict(
        env, PYTHONPATH=str(root / "source")), cwd=root / "source", capture_output=True, text=True, check=True)
    assert kit.stdout.startswith(str(root / "source"))  # the bundle's own kit grades, not this checkout
    done = subprocess.run([str(root / "run_autograder")], env=env, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr[-3000:]
    data = json.loads(results.read_text(encoding="utf-8"))
    check_gradescope(data)
    tests = {t["extra_data"]["exercise"]: t for t in data["tests"]}
    assert set(tests) == set(ONLY) and tests["relu"]["score"] == 0
    for passed in ("conv_output_size", "linear_beta_schedule"):  # the bundle's references work
        assert tests[passed]["status"] == "passed" and tests[passed]["score"] == tests[passed]["max_score"] > 0
    assert data["score"] == tests["conv_output_size"]["score"] + tests["linear_beta_schedule"]["score"]
    assert secret not in results.read_text() and "999" not in results.read_text()
    assert "leak:" in tests["relu"]["output"]  # the attempt ran, and found nothing
    assert "seed" not in json.dumps(data)
