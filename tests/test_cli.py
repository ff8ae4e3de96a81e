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


def test_list_speaks_french_summaries_without_importing_torch() -> None:
    """The exercises' summaries come from the catalogue (``summary:<id>``), and ``list --lang fr`` still
    answers from the generated listing, without PyTorch."""
    env = {**os.environ, "COLUMNS": "400"}  # one line per exercise: no summary folded across table rows
    done = subprocess.run([sys.executable, "-X", "importtime", "-m", "autograder.cli", "list", "--lang", "fr"],
                          capture_output=True, text=True, cwd=ROOT, timeout=120, env=env)
    assert done.returncode == 0, done.stderr[-2000:]
    imported = {line.rsplit("|", 1)[-1].strip() for line in done.stderr.splitlines() if "|" in line}
    assert "autograder.listing" in imported and "torch" not in imported
    assert "max(x, 0) élément par élément" in done.stdout
    assert "G_t = r_t + gamma G_{t+1} (1 - done_t), à rebours sur T, par lots d'environnements" in done.stdout
    assert "un pas de temps d'une cellule GRU, avec la disposition des portes de PyTorch" in done.stdout
    assert "elementwise" not in done.stdout and "one time step" not in done.stdout
    english = run("list").stdout
    assert "max(x, 0) elementwise" in english and "élément par" not in english


def test_check_from_inside_the_exercises_folder_finds_the_modules(monkeypatch, tmp_path: Path) -> None:
    from autograder import cli

    monkeypatch.chdir(ROOT / "exercises")
    assert cli._check_path(None) == Path(".")
    monkeypatch.chdir(ROOT)
    assert cli._check_path(None) == Path("exercises")
    monkeypatch.chdir(tmp_path)
    with pytest.raises(FileNotFoundError, match="exercises"):
        cli._check_path(None)


# -- the command line in French -------------------------------------------------------------------------
def _spoken(*args: str, lang: str | None = None) -> subprocess.CompletedProcess:
    """The command as a user runs it, in a clean environment but for ``AUTOGRADER_LANG=lang``."""
    env = {k: v for k, v in os.environ.items() if k not in ("LC_ALL", "LC_MESSAGES", "LANG", "AUTOGRADER_LANG")}
    if lang is not None:
        env["AUTOGRADER_LANG"] = lang
    return subprocess.run([sys.executable, "-m", "autograder.cli", *args], capture_output=True, text=True, cwd=ROOT,
                          timeout=120, env=env)


def _english_cli() -> list[str]:
    """Every English sentence of the command line (argparse's own words among them), whitespace folded."""
    from autograder.core.messages import MESSAGES

    return [" ".join(english.replace("%%", "%").split()) for key, english in MESSAGES.items()
            if key.startswith(("cli:", "argparse:")) and "%" not in english and "{" not in english]


@pytest.mark.parametrize(("args", "lang"), [(["--lang", "fr", "--help"], None), (["check", "--help"], "fr"),
                                            (["check", "--help", "--lang", "fr"], "en"),
                                            (["--lang=fr", "grade-all", "--help"], None)])
def test_the_help_speaks_french_before_or_after_the_command(args: list[str], lang: str | None) -> None:
    done = _spoken(*args, lang=lang)
    assert done.returncode == 0, done.stderr
    said = " ".join(done.stdout.split())  # argparse folds its lines; no-break spaces read as spaces here
    assert said.startswith("utilisation : autograder") and "afficher ce message d'aide et quitter" in said
    assert "options :" in said and "la langue des retours et des messages" in said
    if "check" in args:
        assert "graine des cas aléatoires (par défaut 0, la graine publique" in said
        assert "arguments positionnels :" in said and "dossier des modules d'exercices" in said
    left = [sentence for sentence in _english_cli() if len(sentence) > 12 and sentence in said]
    assert left == [] and "usage:" not in said and "show this help" not in said


def test_the_help_stays_english_by_default() -> None:
    done = _spoken("check", "--help")
    said = " ".join(done.stdout.split())
    assert said.startswith("usage: autograder check") and "show this help message and exit" in said
    assert "seed of the random cases (default 0, the public seed" in said and "utilisation" not in said


def test_argparse_errors_are_french_and_name_the_argument() -> None:
    done = _spoken("check", "--device", "tpu", "--lang", "fr")
    assert done.returncode == 2
    assert "autograder check\u00a0: erreur\u00a0: argument --device\u00a0: choix invalide\u00a0: 'tpu'" in done.stderr
    done = _spoken("grade", lang="fr")
    assert done.returncode == 2 and done.stderr.startswith("utilisation\u00a0: autograder grade")
    assert "les arguments suivants sont obligatoires\u00a0: path, --json" in done.stderr
    done = _spoken("grade", "x", "--json", "r.json", "--min-score", "lots", lang="fr")
    assert "argument --min-score\u00a0: pas un score\u00a0: 'lots'" in done.stderr
    done = _spoken("check", "--device", "tpu")  # English as it was
    assert "autograder check: error: argument --device: invalid choice: 'tpu'" in done.stderr


def test_a_path_error_is_french_and_imports_no_torch() -> None:
    done = subprocess.run([sys.executable, "-X", "importtime", "-m", "autograder.cli", "check", "no/such/folder",
                           "--lang", "fr"], capture_output=True, text=True, cwd=ROOT, timeout=120,
                          env={**os.environ, "AUTOGRADER_LANG": "en"})
    assert done.returncode == 2
    assert "erreur\u00a0: fichier ou dossier introuvable\u00a0: no/such/folder" in done.stdout
    imported = {line.rsplit("|", 1)[-1].strip() for line in done.stderr.splitlines() if "|" in line}
    assert "torch" not in imported


def test_the_language_is_read_before_the_parser_is_built(monkeypatch) -> None:
    from autograder import cli
    from autograder.core import language

    monkeypatch.setenv(language.VARIABLE, "fr")
    assert cli._language_asked(["check", "--lang", "en"]) == "en"
    assert cli._language_asked(["--lang=en", "list"]) == "en"
    assert cli._language_asked(["check", "--lang", "de"]) == "fr"  # argparse refuses it, in the environment's
    monkeypatch.setenv(language.VARIABLE, "klingon")
    assert cli._language_asked(["list"]) == "en"


_COMMAND = """\
import atexit, sys, threading, time
from pathlib import Path
out = Path(sys.argv[1])
atexit.register(lambda: (out / "exit-functions").write_text("ran"))
def late():
    time.sleep(0.5)
    (out / "thread").write_text("finished")
threading.Thread(target=late, daemon=sys.argv[2] == "daemon").start()
from autograder.cli import command
command(sys.argv[3:])
"""


@pytest.mark.parametrize("thread", ["thread", "daemon"])
def test_the_command_exits_with_mains_code_after_the_exit_functions_and_any_running_thread(tmp_path: Path,
                                                                                            thread: str) -> None:
    """The command skips the interpreter's teardown (PyTorch's takes 1.2 s) but not what an exit must do: the
    exit functions run (the runner and spare workers are stopped there), main's exit status is the process's,
    and a thread still running is waited for (the usual exit then), a daemon thread not (it would not be either)."""
    for argv, code in ((["list"], 0), (["grade", str(tmp_path / "nowhere")], 2)):
        done = subprocess.run([sys.executable, "-c", _COMMAND, str(tmp_path), thread, *argv], capture_output=True,
                              text=True, timeout=120, cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT)})
        assert done.returncode == code, done.stdout[-2000:] + done.stderr[-2000:]
        assert (tmp_path / "exit-functions").read_text() == "ran"
        assert (thread == "thread") == (tmp_path / "thread").exists()
        assert done.stdout.strip() or done.stderr.strip()  # what it printed was flushed before the exit
        (tmp_path / "exit-functions").unlink()
