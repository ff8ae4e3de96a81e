"""The ``autograder`` command as a user runs it."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import torch

from autograder.cli import main
from autograder.core import grader
from autograder.specs import all_exercises

ROOT = Path(__file__).resolve().parents[1]


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "autograder.cli", *args], capture_output=True, text=True,
                          cwd=ROOT, timeout=600)


def test_list_names_every_exercise_with_points(capsys) -> None:
    assert main(["list"]) == 0
    out = capsys.readouterr().out
    for ex in all_exercises():
        assert ex.id[:15] in out
    assert f"{sum(ex.points for ex in all_exercises()):g} points" in out


@pytest.mark.slow
@pytest.mark.grading
def test_grade_writes_the_result_and_exits_zero_unless_below_min_score(tmp_path: Path, capsys) -> None:
    out = tmp_path / "r.json"
    done = run("grade", "exercises", "--json", str(out), "--device", "cpu", "--no-timing", "--min-score", "0")
    assert done.returncode == 0, done.stderr
    data = json.loads(out.read_text())
    assert data["score"] == 0 and data["max_score"] == sum(ex.points for ex in all_exercises())
    assert {e["status"] for e in data["exercises"]} == {"not_implemented"}
    assert data["seed"] == 0 and "practice grading on the public seed 0" in " ".join(done.stdout.split())
    # a student CI fails below full marks, and says why; the result is written all the same (in this process:
    # the command as a process is the run above)
    out.unlink()
    assert main(["grade", "exercises", "--json", str(out), "--device", "cpu", "--no-timing", "--only", "relu",
                 "--min-score", "full"]) == 1
    assert "0 points, below the 2 required" in capsys.readouterr().out and out.exists()
    with pytest.raises(SystemExit):  # argparse's usage error, before anything is graded
        main(["grade", "exercises", "--json", str(out), "--min-score", "lots"])


@pytest.mark.grading
def test_lang_fr_puts_french_in_the_result_json(tmp_path: Path, monkeypatch) -> None:
    from autograder.core import language

    monkeypatch.setenv(language.VARIABLE, "en")  # --lang sets it for the processes the command starts: restored after
    shutil.copy(ROOT / "tests/variants/softmax/wrong_ignores_dim.py", tmp_path / "basics.py")
    out = tmp_path / "r.json"
    assert main(["grade", str(tmp_path), "--json", str(out), "--device", "cpu", "--no-timing", "--only", "softmax",
                 "--min-score", "0", "--lang", "fr"]) == 0
    (exercise,) = json.loads(out.read_text())["exercises"]
    first, second = exercise["feedback"].splitlines()[:2]
    assert (first, second[:37]) == ("10 cas sur 26 échouent", "erreur probable\u00a0: le softmax est pris"), exercise
    assert exercise["diagnosis"]["hint"].startswith("le softmax est pris sur la dernière dimension")
    assert "cas « " in exercise["feedback"] and "pour le relancer" in exercise["feedback"]


@pytest.mark.slow
@pytest.mark.grading
def test_check_exits_zero_only_at_full_marks(tmp_path: Path, capsys) -> None:
    shutil.copy(ROOT / "solutions" / "cnn.py", tmp_path / "cnn.py")
    full = run("check", str(tmp_path), "--only", "conv_output_size", "--device", "cpu")
    assert full.returncode == 0, full.stdout + full.stderr
    assert "Total: 5/5" in full.stdout
    shutil.copy(ROOT / "tests/variants/conv_output_size/wrong_ceil.py", tmp_path / "cnn.py")
    assert main(["check", str(tmp_path), "--only", "conv_output_size", "--device", "cpu"]) == 1  # in this process
    assert "smallest failing case found" in capsys.readouterr().out


@pytest.mark.grading  # the command starts its workers before it reads its arguments
def test_bad_input_gets_a_clear_message_not_a_traceback(tmp_path: Path, capsys) -> None:
    assert main(["grade", str(tmp_path / "nowhere"), "--json", str(tmp_path / "r.json"), "--device", "cpu"]) == 2
    assert "no such file or directory" in capsys.readouterr().out
    assert main(["check", "exercises", "--only", "no_such_exercise", "--device", "cpu"]) == 2
    assert "unknown exercise(s): no_such_exercise" in capsys.readouterr().out


def test_device_selection(monkeypatch) -> None:
    monkeypatch.setattr(torch.cuda, "is_available", lambda: False)
    assert grader.resolve_device("auto") == "cpu"
    with pytest.raises(ValueError, match="no CUDA device"):
        grader.resolve_device("cuda")
    with pytest.raises(ValueError, match="unknown device"):
        grader.resolve_device("tpu")
    monkeypatch.setattr(torch.cuda, "is_available", lambda: True)
    assert grader.resolve_device("auto") == "cuda"
    assert grader.resolve_device("cuda:1") == "cuda:1"


@pytest.mark.parametrize("args", [["list"], ["--help"], ["--version"], ["check", "no/such/folder"],
                                  ["check", "exercises", "--only", "no_such_exercise"],
                                  ["grade", "no/such/folder", "--json", "r.json"], ["service", "--help"]])
def test_quick_answers_import_no_torch(args: list[str], tmp_path: Path) -> None:
    """``list``, ``--help``, ``--version`` and mistakes in the arguments answer without PyTorch (and so at
    once: ``benchmarks/check_latency.py`` measures them)."""
    done = subprocess.run([sys.executable, "-X", "importtime", "-m", "autograder.cli", *args], capture_output=True,
                          text=True, cwd=ROOT, timeout=120, env={**os.environ, "AUTOGRADER_SERVICE_DIR": str(tmp_path)})
    assert done.returncode in (0, 2), done.stderr[-2000:]
    imported = {line.rsplit("|", 1)[-1].strip() for line in done.stderr.splitlines() if "|" in line}
    assert "autograder.core.messages" in imported and "torch" not in imported
    assert "Traceback" not in done.stdout + done.stderr
    if args[0] == "check" and "--only" not in args:
        assert "no such file or directory: no/such/folder" in done.stdout
    assert not list(tmp_path.iterdir())  # nothing started a service


def test_check_from_inside_the_exercises_folder_finds_the_modules(monkeypatch, tmp_path: Path) -> None:
    from autograder import cli

    monkeypatch.chdir(ROOT / "exercises")
    assert cli._check_path(None) == Path(".")
    monkeypatch.chdir(ROOT)
    assert cli._check_path(None) == Path("exercises")
    monkeypatch.chdir(tmp_path)
    with pytest.raises(FileNotFoundError, match="exercises"):
        cli._check_path(None)
