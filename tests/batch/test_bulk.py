"""Grading a whole class: discovery of the layouts, a generated class of fifty-odd varied submissions graded
serially, in parallel and on a Dask LocalCluster with the same grades, resume after SIGKILL, and a
grading process that dies or overruns costing only its own submission.

The class is graded on two cheap exercises without timing verdicts: these tests are about the bulk
machinery; the verdicts themselves are the business of tests/core/test_grading.py and tests/specs/test_variants.py.
"""

from __future__ import annotations

import io
import json
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import threading
import time
import zipfile
from dataclasses import replace
from pathlib import Path

import pytest
import torch
from rich.console import Console
from support import classgen
from support.exports import check_csv, check_gradescope, check_junit
from support.hostile import (
    BELL,
    CLEAR_AND_FORGE,
    CSI,
    FORMULA_IDS,
    RICH_LINK,
    TERMINAL_CONTROLS,
    assert_nothing_acts,
    markdown_tokens,
    on_terminal,
    terminal_console,
)

from autograder.batch import bulk, discovery, exports, options, pool
from autograder.batch.gradebook import Gradebook, Record
from autograder.cli import main
from autograder.core import language
from autograder.core.messages import say
from autograder.core.status import SubmissionStatus
from autograder.specs import get

ROOT = Path(__file__).resolve().parents[2]
OPTIONS = bulk.Options(seed=0, device="cpu", only=classgen.EXERCISES, timing=False, time_limits=classgen.TIME_LIMITS)


def quiet() -> Console:
    return Console(file=io.StringIO(), width=160)


def grades(records) -> dict:
    """Everything a grade is made of, per student: status, total, and each exercise's verdict and feedback."""
    table = {}
    for r in records:
        exercises = [(e.id, e.status, e.score, e.feedback) for e in r.result.exercises] if r.result else None
        table[r.student_id] = (r.status, r.result.score if r.result else None, exercises)
    return table


# -- discovery ----------------------------------------------------------------------------------------
def _zip(path: Path, members: dict[str, bytes], method: int = zipfile.ZIP_DEFLATED) -> Path:
    with zipfile.ZipFile(path, "w", method) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return path


def test_folders_nested_folders_and_zips_give_the_same_files(tmp_path: Path) -> None:
    cnn, diffusion = b"def conv_output_size(*a):\n    return 1\n", b"import torch\n"
    (tmp_path / "ada").mkdir()
    (tmp_path / "ada" / "cnn.py").write_bytes(cnn)
    (tmp_path / "ada" / "diffusion.py").write_bytes(diffusion)
    (tmp_path / "ada" / "notes.txt").write_text("not gradable")
    (tmp_path / "bob" / "week3" / "__pycache__").mkdir(parents=True)
    (tmp_path / "bob" / "week3" / "cnn.py").write_bytes(cnn)
    (tmp_path / "bob" / "diffusion.py").write_bytes(diffusion)
    (tmp_path / "bob" / "week3" / "__pycache__" / "stale.py").write_bytes(b"x = 1\n")
    _zip(tmp_path / "cy.zip", {"cy/cnn.py": cnn, "cy/sub/diffusion.py": diffusion, "__MACOSX/cy/._cnn.py": b"\0",
                               "cy/report.pdf": b"%PDF"})
    (tmp_path / ".hidden").mkdir()
    (tmp_path / "_private").mkdir()
    (tmp_path / "stray.txt").write_text("ignored")
    entries = discovery.discover(tmp_path)
    assert [e.student_id for e in entries] == ["ada", "bob", "cy"]
    assert all(e.status == SubmissionStatus.OK for e in entries)
    assert all(e.files == {"cnn.py": cnn, "diffusion.py": diffusion} for e in entries)
    assert len({e.content_hash for e in entries}) == 1  # a zip of the same files is the same submission


def test_nbgrader_course_folder(tmp_path: Path) -> None:
    (tmp_path / "source" / "ps1").mkdir(parents=True)
    (tmp_path / "source" / "ps1" / "cnn.ipynb").write_text("{}")
    for student in ("ada", "bob"):
        folder = tmp_path / "submitted" / student / "ps1"
        folder.mkdir(parents=True)
        (folder / "cnn.ipynb").write_text(json.dumps({"cells": [], "student": student}))
        (folder / "timestamp.txt").write_text("2026-11-01 10:00:00")
    entries = discovery.discover(tmp_path)
    assert [(e.student_id, sorted(e.files)) for e in entries] == [("ada", ["cnn.ipynb"]), ("bob", ["cnn.ipynb"])]


def test_entries_that_cannot_be_graded_get_a_status_each(tmp_path: Path) -> None:
    classgen.write(tmp_path, [], problems=True)
    (tmp_path / "latin").mkdir()
    (tmp_path / "latin" / "cnn.py").write_bytes(b"# caf\xe9\n")
    (tmp_path / "Twice").mkdir()  # differs from twice.zip only in case
    (tmp_path / "Twice" / "cnn.py").write_text("x = 1\n")
    _zip(tmp_path / "twice.zip", {"cnn.py": b"x = 2\n"})
    (tmp_path / "link").mkdir()
    (tmp_path / "link" / "cnn.py").symlink_to("/etc/hostname")
    by_id = {e.student_id: e for e in discovery.discover(tmp_path)}
    assert {i: by_id[i].status for i in classgen.PROBLEMS} == classgen.PROBLEMS
    assert "../../outside.py" in by_id["p_traversal"].detail
    assert "two different files named cnn.py: a/cnn.py and b/cnn.py" in by_id["p_conflict"].detail
    assert "p_twice" in by_id["p_twice"].detail and "p_twice.zip" in by_id["p_twice"].detail
    assert by_id["Twice"].status == "duplicate"
    assert by_id["latin"].status == "ok" and by_id["latin"].notes == [
        "not UTF-8 text: cnn.py (byte 0xe9 at offset 5); its exercises score 0"]
    assert by_id["link"].status == "empty" and by_id["link"].notes == ["symbolic link not followed: cnn.py"]


def test_what_discovery_says_reaches_the_terminal_in_the_language_of_the_run(tmp_path: Path) -> None:
    """Why a submission is not graded, and what was left out of one, are said to the instructor in the
    language of the run; grades.csv and the JSON keep the status codes."""
    (tmp_path / "latin").mkdir()
    (tmp_path / "latin" / "cnn.py").write_bytes(b"# caf\xe9\n")
    (tmp_path / "link").mkdir()
    (tmp_path / "link" / "cnn.py").symlink_to("/etc/hostname")
    _zip(tmp_path / "bomb.zip", {"cnn.py": b"#" * (4 << 20)})
    with language.speaking("fr"):
        entries = {e.student_id: e for e in discovery.discover(tmp_path)}
        records = [Record(e.student_id, e.status, e.detail, e.notes, e.source, e.content_hash)
                   for e in entries.values() if e.status != "ok"]
        console = Console(file=io.StringIO(), width=200)
        exports.print_summary(records, [get("conv_output_size")], console)
        summary = exports.markdown_summary(records, [get("conv_output_size")])
    assert entries["latin"].notes == ["pas du texte UTF-8\u00a0: cnn.py (octet 0xe9 à la position 5)\u00a0; ses "
                                      "exercices valent 0"]
    assert entries["link"].notes == ["lien symbolique non suivi\u00a0: cnn.py"]
    out = console.file.getvalue()
    assert "  link: vide: aucun fichier .py ou .ipynb dans le rendu" in out
    assert "  bomb: refusé: cnn.py se décompresse " in out and "fois plus gros\u00a0: une bombe de décompression" in out
    assert "2 étudiants, 0 corrigés (non corrigés\u00a0: 1 vide, 1 refusé)" in out
    assert "| link | non corrigé\u00a0: vide |" in summary and "zip bomb" not in out + summary
    assert {r.status for r in records} == {"empty", "rejected"}  # the codes themselves stay as they are


def test_zip_bombs_and_oversized_files_are_refused_without_being_expanded(tmp_path: Path) -> None:
    _zip(tmp_path / "bomb.zip", {"cnn.py": b"#" * (4 << 20)})  # 4 MiB of one byte: a thousand-fold ratio
    _zip(tmp_path / "huge.zip", {"cnn.py": os.urandom(discovery.MAX_FILE_BYTES + 1)}, zipfile.ZIP_STORED)
    (tmp_path / "big").mkdir()
    (tmp_path / "big" / "cnn.py").write_bytes(b"#" * (discovery.MAX_FILE_BYTES + 1))
    _zip(tmp_path / "many.zip", {f"f{i}.txt": b"" for i in range(discovery.MAX_ARCHIVE_MEMBERS + 1)})
    by_id = {e.student_id: e for e in discovery.discover(tmp_path)}
    assert {k: e.status for k, e in by_id.items()} == dict.fromkeys(("big", "bomb", "huge", "many"), "rejected")
    assert "zip bomb" in by_id["bomb"].detail and "bound per file" in by_id["huge"].detail


@pytest.mark.parametrize(("cpus", "slots_of_memory", "workers"), [
    (4, None, 4),  # memory unknown: one per core
    (4, 100, 4),  # memory for many more: one per core still
    (4, 2.5, 2),  # memory for two and a half: two
    (8, 3, 3),
    (4, 0.5, 1),  # memory for less than one: one all the same
    (1, 100, 1),
])
def test_default_workers_are_one_per_core_as_far_as_memory_allows(monkeypatch, cpus, slots_of_memory,
                                                                   workers) -> None:
    monkeypatch.setattr(os, "sched_getaffinity", lambda pid: set(range(cpus)))
    memory = None if slots_of_memory is None else int(slots_of_memory * pool.SLOT_MEMORY)
    monkeypatch.setattr(pool, "_available_memory", lambda: memory)
    assert bulk.default_workers() == workers


def test_a_gradual_pool_adds_a_process_only_when_the_work_left_outlasts_a_start_up(monkeypatch) -> None:
    from types import SimpleNamespace

    processes = pool.LocalPool(4, OPTIONS, gradual=True)
    ready = SimpleNamespace(ready=True, startup=10.0)
    monkeypatch.setattr(processes._idle, "cores", lambda: 3.0)
    assert not processes._worth_another([ready], waiting=100)  # nothing graded yet: the cost is unknown
    processes._seconds = [1.0, 1.0]
    assert processes._worth_another([ready], waiting=11)  # 11 s of work left for one process, 10 s to start
    assert not processes._worth_another([ready], waiting=9)
    assert not processes._worth_another([ready, ready], waiting=19)  # 9.5 s each for two
    starting = SimpleNamespace(ready=False, startup=None)
    assert not processes._worth_another([ready, starting], waiting=1000)  # one at a time
    monkeypatch.setattr(processes._idle, "cores", lambda: 0.3)
    assert processes._worth_another([ready], waiting=1000)  # a third of a core idles beside the one process
    monkeypatch.setattr(processes._idle, "cores", lambda: 0.1)
    assert not processes._worth_another([ready], waiting=1000)  # a busy machine: nothing to start it on


def test_a_gradual_pool_adds_a_process_only_where_the_idle_cores_pay_for_its_start(monkeypatch) -> None:
    """On 2 cores one process leaves half a core idle: a second, whose start takes about 6 s of CPU, is started
    for a class with hundreds of submissions left, not for one with tens (it grades a quarter more at best)."""
    from types import SimpleNamespace

    processes = pool.LocalPool(2, OPTIONS, gradual=True)
    monkeypatch.setattr(pool, "_cpus", lambda: 2)
    monkeypatch.setattr(processes._idle, "cores", lambda: 0.5)
    processes._seconds = [0.17] * 10
    ready = SimpleNamespace(ready=True, startup=4.0)
    assert not processes._worth_another([ready], waiting=80)  # 13.6 s left: a quarter of it is 3.4 s, under 4 s
    assert processes._worth_another([ready], waiting=500)
    monkeypatch.setattr(processes._idle, "cores", lambda: 1.0)  # a whole core idles: it pays much sooner
    assert processes._worth_another([ready], waiting=80)


def test_idle_cores_are_measured_from_the_kernel_s_counters_over_a_window(monkeypatch) -> None:
    """The pool reads what no process uses (``/proc/stat``), over windows of two seconds of the machine's
    time: its own processes count as busy, and nothing as idle that was not."""
    idle, total = pool.cpu_times() or (0, 0)
    assert 0 < idle < total  # this machine's, since it started
    ticks = os.sysconf("SC_CLK_TCK") * pool._cpus()  # one second of every CPU this process may use
    counters = iter([(1000, 5000), (1000 + ticks // 4, 5000 + ticks), (1000 + ticks // 2, 5000 + 2 * ticks),
                     (1000 + ticks // 2, 5000 + 3 * ticks), (1000 + ticks // 2, 5000 + 4 * ticks)])
    monkeypatch.setattr(pool, "cpu_times", lambda: next(counters))
    monkeypatch.setattr(pool, "idle_cores", lambda: 9.0)  # the load average's answer, until a window ends
    meter = pool.IdleMeter()
    assert meter.cores() == 9.0  # a second so far
    assert meter.cores() == pytest.approx(pool._cpus() / 4)  # two seconds, a quarter of them idle
    assert meter.cores() == pytest.approx(pool._cpus() / 4)  # the window that ended, until the next
    assert meter.cores() == 0.0  # the next: busy all along
    monkeypatch.setattr(pool, "cpu_times", lambda: None)
    assert pool.IdleMeter().cores() == 9.0  # no counters: the load average


def test_idle_time_is_counted_on_the_cpus_this_process_may_use_only(tmp_path: Path) -> None:
    """A container given CPUs 2 and 3 of a machine whose others idle: only 2 and 3 count (one busy, one idle)."""
    stat = tmp_path / "stat"
    stat.write_text("cpu  100 0 100 1800 0 0 0 0 0 0\n"
                    "cpu0 0 0 0 500 0 0 0 0 0 0\ncpu1 0 0 0 500 0 0 0 0 0 0\n"
                    "cpu2 100 0 100 0 0 0 0 0 0 0\ncpu3 0 0 0 300 100 0 0 0 0 0\n"
                    "intr 12345 0 0\nctxt 999\n")
    assert pool.cpu_times(str(stat), {2, 3}) == (400, 600)
    assert pool.cpu_times(str(stat), set()) == (1400, 1600)  # no affinity known: every CPU
    assert pool.cpu_times(str(stat), {7}) is None  # none of them listed
    stat.write_text("cpu0 1 2 3\n")
    assert pool.cpu_times(str(stat), {0}) is None  # a line the kernel did not fill
    assert pool.cpu_times(str(tmp_path / "absent"), {0}) is None


def test_grade_all_resolves_its_options_and_writes_the_exports_without_importing_pytorch(tmp_path: Path) -> None:
    """The coordinator checks the exercises and the device (auto: the CPU, without a GPU's device node)
    without PyTorch, so that its grading processes start first, and writes the exports (the similar pairs
    read from the students' files included) from the listing's entries: it never imports PyTorch, three
    seconds of CPU beside the grading processes' start, or alone after them."""
    for student in ("ada", "zed"):
        (tmp_path / student).mkdir()
        (tmp_path / student / "rnn.py").write_bytes((ROOT / "solutions" / "rnn.py").read_bytes())
    script = f"""
import sys
from pathlib import Path
from autograder.batch import bulk
from autograder.batch.discovery import read_entry
from autograder.batch.gradebook import Record
from autograder.core.result import ExerciseResult, SubmissionResult

bulk._gpu_device_nodes = lambda: False
options = bulk.Options(seed=0, device="auto", only=("gru_step", "tfidf"))
options.check_exercises()
assert bulk._on_this_machine(options).device == "cpu"
assert bulk._on_this_machine(bulk.Options(seed=0, device="cpu")).device == "cpu"
try:
    bulk.Options(only=("no_such_exercise",)).check_exercises()
except KeyError as err:
    print(err)
print("torch" in sys.modules)
exercises = bulk._load_exports(options)
print([ex.id for ex in exercises])
records = []
for student in ("ada", "zed"):
    source = Path({str(tmp_path)!r}) / student
    graded = [ExerciseResult("gru_step", "rnn", 10, 10, "passed", "ok")]
    result = SubmissionResult(student, "secret", "cpu", graded, "0.1.0", "process")
    records.append(Record(student, "graded", source=str(source), content_hash=read_entry(source).content_hash,
                          result=result))
from autograder.batch import exports
print(sorted(exports.write_all({str(tmp_path / "out")!r}, records, exercises)))
print("torch" in sys.modules)
"""
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, cwd=ROOT, timeout=60)
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines() == ["'unknown exercise(s): no_such_exercise; `autograder list` shows them'",
                                        "False", "['gru_step', 'tfidf']",
                                        "['csv', 'gradescope', 'junit', 'report', 'results', 'similarity', 'summary']",
                                        "False"]
    # the two students' identical functions were read and compared
    assert (tmp_path / "out" / "similarity.csv").read_text().splitlines()[1:] == ["gru_step,ada,zed,1.000"]


def test_the_listing_describes_each_exercise_as_its_specification_does() -> None:
    """The exports read the listing's entries where they read the specifications before: the same fields."""
    from autograder.batch.listed import listed
    from autograder.specs import all_exercises

    def fields(ex) -> tuple:
        return ex.id, ex.module, ex.function, ex.points, None if ex.timing is None else ex.timing.budget

    assert [fields(ex) for ex in listed()] == [fields(ex) for ex in all_exercises()]
    assert [ex.id for ex in listed(["tfidf", "relu"])] == ["relu", "tfidf"]  # the course's order


@pytest.mark.slow
def test_the_engine_fingerprint_covers_every_file_of_the_package(tmp_path: Path) -> None:
    package = tmp_path / "autograder"
    shutil.copytree(options.PACKAGE, package, ignore=shutil.ignore_patterns("__pycache__"))
    assert options.kit_fingerprint(package) == options.kit_fingerprint()  # where the package lies does not matter
    # the rest without the data sets (covered by the fingerprint too): hashing their images for every module
    # edited would take most of the test's time
    no_data = tmp_path / "no_data"
    base = options.kit_fingerprint(package, no_data)
    modules = sorted(package.rglob("*.py"))
    assert {"grader.py", "worker.py", "cnn.py", "bulk.py", "__init__.py"} <= {m.name for m in modules}
    for module in modules:
        original = module.read_bytes()
        module.write_bytes(original + b"\n")
        assert options.kit_fingerprint(package, no_data) != base, module.relative_to(package)
        module.write_bytes(original)
    assert options.kit_fingerprint(package, no_data) == base
    (package / "core" / "__pycache__").mkdir()
    (package / "core" / "__pycache__" / "grader.cpython-311.pyc").write_bytes(b"compiled")
    (package / "notes.txt").write_text("not part of the engine")
    assert options.kit_fingerprint(package, no_data) == base
    (package / "core" / "grader.py").rename(package / "core" / "graders.py")  # the same bytes elsewhere
    assert options.kit_fingerprint(package, no_data) != base
    (package / "core" / "graders.py").rename(package / "core" / "grader.py")
    (package / "recorded").mkdir()  # a student release's recorded reference answers decide grades too
    (package / "recorded" / "tfidf.safetensors").write_bytes(b"answers")
    recorded = options.kit_fingerprint(package, no_data)
    assert recorded != base
    (package / "recorded" / "tfidf.safetensors").write_bytes(b"other answers")
    assert options.kit_fingerprint(package, no_data) not in (base, recorded)
    # the data sets decide grades too (held-out images score train_lenet)
    (no_data / "digits").mkdir(parents=True)
    (no_data / "digits" / "0.png").write_bytes(b"an image")
    with_image = options.kit_fingerprint(package, no_data)
    (no_data / "digits" / "0.png").write_bytes(b"another image")
    assert options.kit_fingerprint(package, no_data) != with_image


def test_a_grade_is_reused_only_by_the_same_engine() -> None:
    one, other = bulk.Options(seed=3, fingerprint="a" * 16), bulk.Options(seed=3, fingerprint="b" * 16)
    assert one.config()["key"] != other.config()["key"]
    assert one.config()["key"] == bulk.Options(seed=3, fingerprint="a" * 16).config()["key"]
    assert one.config()["kit_fingerprint"] == "a" * 16
    assert bulk.Options().fingerprint == options.kit_fingerprint()


def test_another_engine_records_every_submission_again_with_a_warning(tmp_path: Path) -> None:
    # only entries that cannot be graded: nothing starts a grading process
    (tmp_path / "class" / "ada").mkdir(parents=True)
    (tmp_path / "class" / "bob.zip").write_bytes(b"not a zip")
    db = tmp_path / "gradebook.db"
    outputs = []
    for fingerprint in ("a" * 16, "a" * 16, "b" * 16):
        console = quiet()
        run = bulk.grade_all(tmp_path / "class", tmp_path / "out", options=replace(OPTIONS, fingerprint=fingerprint),
                             db=db, console=console)
        printed = " ".join(console.file.getvalue().split())  # the console folds long lines
        outputs.append((run.skipped, run.problems, f"warning: {say('engine_changed')}" in printed))
    assert outputs == [(0, 2, False), (2, 0, False), (0, 2, True)]
    with Gradebook(db) as book:
        assert book.count("ada") == 2  # the first engine's row stays as history


def test_hostile_names_reach_no_export_and_no_terminal_as_they_are(tmp_path: Path) -> None:
    """Folders and archive members named to fool the instructor, in a class where nothing can be graded (so
    nothing starts a grading process): the run's terminal, grades.csv, summary.md and junit.xml."""
    root = tmp_path / "class"
    # a file name holds no "/"; "\tx" and "\rx" would be one id twice (a duplicate)
    names = [name.replace("//", "") for name in FORMULA_IDS if name != "\rx"] + ["\ry"]
    link = "[link=https:x]click"  # rich markup: a hyperlink to the end of the line
    for name in [*names, CLEAR_AND_FORGE, f"{CSI}{BELL}x", link, "ada"]:
        (root / name).mkdir(parents=True)  # no .py file: empty, not graded
    # two members of one name, in the sentence that says why the archive is not graded
    _zip(root / "zed.zip", {f"a/{CLEAR_AND_FORGE}{CSI}\r.py": b"x = 1\n", f"b/{CLEAR_AND_FORGE}{CSI}\r.py": b"x = 2\n"})
    console = terminal_console()
    run = bulk.grade_all(root, tmp_path / "out", options=OPTIONS, console=console)
    assert run.problems == len(FORMULA_IDS) + 5 and {r.status for r in run.records} == {"empty", "conflict"}
    shown = on_terminal(console)
    assert_nothing_acts(shown)
    assert "\x1b]8;" not in console.file.getvalue() and f"{link}: empty" in shown
    assert "zed: conflict: two different files named \\x1b[2J\\x1b[H All submissions graded, no problems " \
           "found\\x9b31m\\x0d.py" in shown
    check_csv((tmp_path / "out" / "grades.csv").read_text(encoding="utf-8"), run.records, list(classgen.EXERCISES))
    check_junit((tmp_path / "out" / "junit.xml").read_text(encoding="utf-8"), run.records)
    tokens = markdown_tokens((tmp_path / "out" / "summary.md").read_text(encoding="utf-8"))
    assert [t.tag for t in tokens if t.type == "heading_open"] == ["h2"]
    assert not [t for t in tokens if t.type in ("link_open", "image", "html_inline")]


def test_progress_lines_show_hostile_ids_and_details_written_out() -> None:
    records = [Record(student_id, "error", f"the grader failed: {CLEAR_AND_FORGE}{CSI}{BELL}\rok", seconds=1.0)
               for student_id in (f"{CLEAR_AND_FORGE}\b\b", RICH_LINK)] + [Record("ada", "empty", "no file")]
    plain = Console(file=io.StringIO(), width=400)
    with bulk._Progress(plain, len(records)) as progress:  # a CI log: a line per submission
        for record in records:
            progress.advance(record)
    lines = plain.file.getvalue().splitlines()
    assert not TERMINAL_CONTROLS.search(plain.file.getvalue()) and len(lines) == 3
    assert lines[0].startswith("[1/3] \\x1b[2J\\x1b[H All submissions graded, no problems found\\x08\\x08: error: "
                               "the grader failed: \\x1b[2J") and "\\x9b31m\\x07\\x0dok (1.0 s;" in lines[0]
    assert lines[1].startswith(f"[2/3] {RICH_LINK}: error:")
    assert lines[2].startswith("[3/3] ada: empty: no file (0.0 s;")
    console = terminal_console()
    with bulk._Progress(console, len(records)) as progress:  # a terminal: a bar, and a line per error
        for record in records:
            progress.advance(record)
    out = console.file.getvalue()  # the bar moves the cursor itself: look for the student's sequences
    assert not any(code in out for code in ("\x1b[2J", "\x1b[H", "\x9b", "\x07", "\x08", "\x1b]8;"))
    assert "\\x1b[2J\\x1b[H All submissions graded" in out and RICH_LINK in out


def test_unknown_exercise_is_refused_before_anything_starts(tmp_path: Path, capsys) -> None:
    assert main(["grade-all", str(tmp_path), "--out", str(tmp_path / "out"), "--only", "no_such_exercise"]) == 2
    assert "unknown exercise(s): no_such_exercise" in capsys.readouterr().out
    assert not (tmp_path / "out").exists()


# -- the generated class ------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def the_class(tmp_path_factory) -> tuple[Path, list[classgen.Student]]:
    students = classgen.students()
    return classgen.write(tmp_path_factory.mktemp("class"), students), students


def test_the_generated_class_hands_in_every_answer_in_every_layout() -> None:
    class_ = classgen.students()
    for exercise, answers in classgen.answers().items():
        handed = {student.answers[exercise].name for student in class_}
        assert {a.name for a in answers} <= handed, exercise
    assert {student.layout for student in class_} == {"folder", "nested", "zip"}


@pytest.fixture(scope="module")
def serial(the_class, tmp_path_factory) -> tuple[bulk.BulkResult, Path]:
    out = tmp_path_factory.mktemp("serial")
    return bulk.grade_all(the_class[0], out, options=OPTIONS, workers=1, console=quiet()), out


def part_of(root: Path, ids: set[str], dest: Path) -> Path:
    """A copy of the class with only these students (folders or archives)."""
    dest.mkdir()
    for source in root.iterdir():
        if source.name.removesuffix(".zip") in ids:
            (shutil.copytree if source.is_dir() else shutil.copy)(source, dest / source.name)
    return dest


def _descendants(pid: int) -> set[int]:
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat") as stat:
                    parent = int(stat.read().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
            children.setdefault(parent, []).append(int(entry))
    found, todo = set(), [pid]
    while todo:
        for child in children.get(todo.pop(), []):
            if child not in found:
                found.add(child)
                todo.append(child)
    return found


@pytest.mark.slow(seconds=40)  # each, about
@pytest.mark.grading
class TestTheGeneratedClass:
    """The class graded once (``serial``) and again in other ways; under ``-n`` a class's tests run in one
    process (tests/conftest.py), so that it is graded once per run."""

    def test_class_gets_the_expected_grades(self, the_class, serial) -> None:
        _, students = the_class
        result, _ = serial
        by_id = {r.student_id: r for r in result.records}
        assert len(by_id) == len(students) + len(classgen.PROBLEMS)  # every answer: see the test above
        assert (result.graded_now, result.problems, result.errors, result.skipped) == (len(students), 5, 0, 0)
        for student in students:
            record = by_id[student.id]
            assert record.status == "graded", (student.id, record.detail)
            for e in record.result.exercises:
                answer = student.answers[e.id]
                assert e.status in answer.statuses, (student.id, answer.name, e.status, e.feedback)
                expected = {"full": e.score == e.max_score, "zero": e.score == 0, "below": e.score < e.max_score}
                assert expected[answer.score], (student.id, answer.name, e.score)
            total = classgen.expected_total(student)
            if total is not None:
                assert record.result.score == total, student.id
        for student_id, status in classgen.PROBLEMS.items():
            assert by_id[student_id].status == status and by_id[student_id].result is None
        assert any("not UTF-8" in note for note in by_id["s998_latin1"].notes)
        loops = next(e for e in by_id["s999_loops"].result.exercises if e.id == "conv_output_size")
        assert 'case "same_padding"' in loops.feedback

    def test_exports_of_the_class(self, the_class, serial) -> None:
        result, out = serial
        records = result.records
        check_csv((out / "grades.csv").read_text(), records, list(classgen.EXERCISES))
        for record in records:
            name = discovery.safe_name(record.student_id)
            check_gradescope(json.loads((out / "gradescope" / name / "results.json").read_text()))
            data = json.loads((out / "results" / f"{name}.json").read_text())
            assert data["student_id"] == record.student_id and data["status"] == record.status
        check_junit((out / "junit.xml").read_text(), records)
        summary = (out / "summary.md").read_text()
        assert f"{len(records)} students, {result.graded_now} graded" in summary
        assert "| `conv_output_size` | 5 |" in summary

    def test_dask_local_cluster_grades_identically(self, the_class, serial, tmp_path: Path) -> None:
        from distributed import LocalCluster

        # a third of the class, the hostile students and the entries that cannot be graded: starting the
        # cluster's processes is what costs
        root, students = the_class
        ids = {s.id for s in students[::3]} | {"s999_loops", "s998_latin1"} | set(classgen.PROBLEMS)
        with LocalCluster(processes=True, n_workers=2, threads_per_worker=1, dashboard_address=None) as cluster:
            on_dask = bulk.grade_all(part_of(root, ids, tmp_path / "class"), tmp_path, options=OPTIONS,
                                     scheduler=cluster.scheduler_address, console=quiet())
        assert grades(on_dask.records) == {k: v for k, v in grades(serial[0].records).items() if k in ids}
        (run,) = Gradebook(tmp_path / "gradebook.db").runs()
        assert run["scheduler"] == cluster.scheduler_address

    def test_unchanged_submissions_are_skipped_changed_ones_and_regrades_graded(self, the_class, serial,
                                                                               tmp_path) -> None:
        root, students = the_class
        db = tmp_path / "gradebook.db"
        shutil.copy(serial[1] / "gradebook.db", db)
        again = tmp_path / "class"
        shutil.copytree(root, again)
        changed = next(s for s in students if s.layout == "folder")
        (again / changed.id / "diffusion.py").write_text((ROOT / "solutions" / "diffusion.py").read_text())
        rerun = bulk.grade_all(again, tmp_path / "out", options=OPTIONS, workers=1, db=db, console=quiet())
        assert (rerun.graded_now, rerun.skipped, rerun.problems) == (1, len(rerun.records) - 1, 0)
        assert next(r for r in rerun.records if r.student_id == changed.id).result.exercises[1].status == "passed"
        # --regrade grades everything again, keeping the history; a small class keeps it cheap
        few = part_of(root, {s.id for s in students[:2]}, tmp_path / "few")
        regraded = bulk.grade_all(few, tmp_path / "out2", options=OPTIONS, workers=1, db=db, regrade=True,
                                  console=quiet())
        assert (regraded.graded_now, regraded.skipped) == (2, 0)
        assert grades(regraded.records) == {k: v for k, v in grades(serial[0].records).items()
                                            if k in {s.id for s in students[:2]}}
        with Gradebook(db) as book:
            assert book.count(students[1].id) == 2  # graded, then regraded

    def test_sigkill_then_resume_grades_everyone_exactly_once(self, the_class, serial, tmp_path: Path) -> None:
        """Also the proof that two grading processes grade as one does: both runs use --workers 2, and
        together they must give every student the serial grade."""
        root, students = the_class
        # half the class and every entry that cannot be graded (two runs' start-ups are what costs); the command
        # line has no short time limits: leave out the student whose call loops forever
        ids = sorted(({s.id for s in students[::2]} | set(classgen.PROBLEMS)) - {"s999_loops"})
        cheap = part_of(root, set(ids), tmp_path / "class")
        out = tmp_path / "out"
        command = [sys.executable, "-m", "autograder.cli", "grade-all", str(cheap), "--out", str(out), "--workers", "2",
                   "--seed", "0", "--device", "cpu", "--no-timing", "--only", *classgen.EXERCISES]
        first = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + 120
        graded, before_kill = 0, 6
        while graded < before_kill:
            assert first.poll() is None, "the first run ended before it could be killed"
            assert time.monotonic() < deadline
            time.sleep(0.2)
            if (out / "gradebook.db").exists():
                try:
                    graded = sqlite3.connect(out / "gradebook.db").execute(
                        "SELECT COUNT(*) FROM submissions WHERE status = 'graded'").fetchone()[0]
                except sqlite3.OperationalError:  # the tables are not there yet
                    pass
        tree = _descendants(first.pid)
        first.send_signal(signal.SIGKILL)
        first.wait()
        page = tmp_path / "step_summary.md"
        page.write_text("# CI page\n")
        second = subprocess.run([*command, "--summary", str(page)], cwd=ROOT, capture_output=True, text=True,
                                timeout=300)
        assert second.returncode == 0, second.stdout + second.stderr
        with Gradebook(out / "gradebook.db") as book:
            first_run, second_run = book.runs()
            assert (first_run["status"], second_run["status"]) == ("running", "finished")
            for student_id in ids:
                assert book.count(student_id) == 1, student_id  # nothing lost, nothing graded twice
            resumed = book.current(sorted(ids), second_run["config_key"])
            assert book.db.execute("SELECT COUNT(*) FROM submissions WHERE run_id = ?",
                                   (first_run["id"],)).fetchone()[0] >= before_kill
        clean = {k: v for k, v in grades(serial[0].records).items() if k in ids}
        assert grades(resumed) == clean
        assert f"{len(ids)} submissions" in second.stdout and "already graded and unchanged" in second.stdout
        assert page.read_text() == "# CI page\n" + (out / "summary.md").read_text() + "\n"
        # the killed run's grading processes, runners and workers did not outlive it
        deadline = time.monotonic() + 15
        while (alive := {p for p in tree if Path(f"/proc/{p}").exists()}) and time.monotonic() < deadline:
            time.sleep(0.2)
        assert not alive

    def test_a_grading_process_that_dies_or_overruns_costs_only_its_submission(self, the_class, serial,
                                                                             tmp_path) -> None:
        root, students = the_class
        entries = {e.student_id: e for e in discovery.discover(root)}
        looping = entries["s999_loops"]
        others = [entries[s.id] for s in students[:3]]
        outcomes = {}
        # overrunning: every call returns within its time limit (capped at the spec's 10 s), but the calls add
        # up past the submission's deadline (counted once the process has started); the deadline leaves an
        # honest submission, a second or two when quiet, room on a machine loaded ten times over
        (tmp_path / "s998_overruns").mkdir()
        for module, function in (("cnn", "conv_output_size"), ("diffusion", "linear_beta_schedule")):
            (tmp_path / "s998_overruns" / f"{module}.py").write_text(
                f"import time\n\n\ndef {function}(*args, **kwargs):\n    time.sleep(6)\n    return 1\n")
        overrunning = discovery.discover(tmp_path)[0]
        patient = replace(OPTIONS, time_limits=(("conv_output_size", 10.0), ("linear_beta_schedule", 10.0)))
        patient_pool = pool.LocalPool(1, patient, deadline=20.0)
        grading_when_recorded = {}

        def record(entry: discovery.Entry, outcome: dict) -> None:
            outcomes.setdefault(entry.student_id, outcome)
            slot = patient_pool.slots[0]
            grading_when_recorded[entry.student_id] = slot.entry.student_id if slot and slot.entry else None

        patient_pool.run([*others[:1], overrunning], record)
        assert outcomes[others[0].student_id]["status"] == "graded", outcomes
        # the next submission went to the grading process before the first was recorded
        assert grading_when_recorded[others[0].student_id] == "s998_overruns"
        assert outcomes["s998_overruns"]["status"] == "error"
        assert "grading took longer than 20 s" in outcomes["s998_overruns"]["detail"]

        # dying: the grading process is killed while it grades the looping submission
        outcomes.clear()

        processes = pool.LocalPool(1, OPTIONS)

        def kill_the_grading_process() -> None:
            while not processes.slots:
                time.sleep(0.05)
            time.sleep(1.0)
            os.kill(processes.slots[0].pid, signal.SIGKILL)

        killer = threading.Thread(target=kill_the_grading_process)
        killer.start()
        processes.run([looping, *others[1:]], lambda e, o: outcomes.setdefault(e.student_id, o))
        killer.join()
        assert outcomes["s999_loops"]["status"] == "error"
        assert "the grading process was killed by signal SIGKILL" in outcomes["s999_loops"]["detail"]
        expected = grades(serial[0].records)
        for entry in others[1:]:
            assert outcomes[entry.student_id]["status"] == "graded"
            result = outcomes[entry.student_id]["result"]
            assert result["score"] == expected[entry.student_id][1]


def test_a_grader_that_raises_is_an_error_of_that_submission_only() -> None:
    box = pool.GraderBox(bulk.Options(seed=0, device="no-such-device"))
    box.prepare()  # a grading process builds its grader before it is ready: a failure there waits
    assert box.grader is None
    outcome = box.grade("ada", {"cnn.py": b"x = 1\n"})
    assert outcome["status"] == "error"
    assert "the grader failed: ValueError: unknown device 'no-such-device'" in outcome["detail"]
    prepared = pool.GraderBox(OPTIONS)
    prepared.prepare()
    assert prepared.grader is not None
    prepared.close()
    assert box.grader is None  # the next submission gets a fresh grader


# -- final grading's secret seed ----------------------------------------------------------------------
def _replayer(seeds: tuple[int, ...]) -> str:
    """A relu that knows only the answers on ``seeds`` (the public seed's: a student holding the release
    can record them with `check`), looked up by the inputs it is given, and returns zeros elsewhere."""
    from autograder.specs import get

    relu = get("relu")
    table = {}
    for seed in seeds:
        for case in relu.cases(seed):
            x = relu.inputs(case.params, seed)["x"]
            table[repr((x.tolist(), str(x.dtype), tuple(x.shape)))] = torch.relu(x).tolist()
    return (f"import json\nimport torch\nTABLE = json.loads({json.dumps(json.dumps(table))})\n\n"
            "def relu(x):\n"
            "    answer = TABLE.get(repr((x.tolist(), str(x.dtype), tuple(x.shape))))\n"
            "    if answer is None:\n"
            "        return torch.zeros_like(x)\n"
            "    return torch.tensor(answer, dtype=x.dtype).reshape(x.shape)\n")


@pytest.mark.slow(seconds=30)
@pytest.mark.grading
def test_final_grading_draws_a_secret_seed_that_replayed_answers_cannot_pass(tmp_path: Path) -> None:
    class_ = tmp_path / "class"
    for student, source in {"honest": (ROOT / "solutions" / "basics.py").read_text(), "replayer": _replayer((0,)),
                            "other_seed": _replayer((12345,))}.items():
        (class_ / student).mkdir(parents=True)
        (class_ / student / "basics.py").write_text(source)
    final = bulk.Options(device="cpu", only=("relu",), timing=False)
    console = quiet()
    first = bulk.grade_all(class_, tmp_path / "out", options=final, workers=1, console=console)
    scores = {r.student_id: r.result.score for r in first.records}
    # the public answers are worth no more than another seed's: the edge cases whose inputs are fixed (an
    # empty tensor, named special values) are the same on every seed; nothing else is
    assert scores["honest"] == 2 and scores["replayer"] == scores["other_seed"] < 1
    assert "final grading on a new secret seed" in " ".join(console.file.getvalue().split())
    with Gradebook(tmp_path / "out" / "gradebook.db") as book:
        secret, new = book.secret_seed()
        (run,) = book.runs()
    assert not new and run["seed"].startswith("secret:") and str(secret) not in run["seed"]
    # nothing a student is given holds the secret, in decimal or in hexadecimal
    for path in (tmp_path / "out").rglob("*"):
        if path.is_file() and path.name.startswith("gradebook.db") is False:
            text = path.read_text(encoding="utf-8", errors="replace")
            assert str(secret) not in text and f"{secret:x}" not in text, path
    assert json.loads((tmp_path / "out" / "results" / "honest.json").read_text())["result"]["seed"] == "secret"
    # a resumed run grades on the same secret, so it reuses every grade
    again = bulk.grade_all(class_, tmp_path / "out", options=final, workers=1, console=quiet())
    assert (again.graded_now, again.skipped) == (0, 3)
    # on the public seed, practice: the replayer passes, and the run says it is practice
    console = quiet()
    practice = bulk.grade_all(class_, tmp_path / "practice", options=replace(final, seed=0), workers=1,
                              console=console)
    practised = {r.student_id: r.result.score for r in practice.records}
    assert practised["honest"] == practised["replayer"] == 2 and practised["other_seed"] < 1
    assert "practice grading on the public seed 0" in " ".join(console.file.getvalue().split())


def test_only_the_students_named_are_graded_and_the_exports_keep_the_class(tmp_path: Path) -> None:
    # entries that cannot be graded: nothing starts a grading process
    (tmp_path / "class" / "ada").mkdir(parents=True)
    (tmp_path / "class" / "bob.zip").write_bytes(b"not a zip")
    db = tmp_path / "gradebook.db"
    first = bulk.grade_all(tmp_path / "class", tmp_path / "out", options=OPTIONS, db=db, console=quiet())
    assert first.problems == 2
    again = bulk.grade_all(tmp_path / "class", tmp_path / "out", options=OPTIONS, db=db, console=quiet(),
                           students=["ada"], regrade=True)
    assert (again.problems, again.skipped) == (1, 0)  # ada again, bob not looked at
    with Gradebook(db) as book:
        assert (book.count("ada"), book.count("bob")) == (2, 1)  # the earlier row stays as history
    assert {r.student_id for r in again.records} == {"ada", "bob"}
    assert "bob" in (tmp_path / "out" / "grades.csv").read_text()
    with pytest.raises(KeyError, match="no submission for carol among the 2 found"):
        bulk.grade_all(tmp_path / "class", tmp_path / "out", options=OPTIONS, db=db, console=quiet(),
                       students=["carol"])
    assert main(["grade-all", str(tmp_path / "class"), "--out", str(tmp_path / "out"), "--db", str(db),
                 "--seed", "0", "--student", "bob", "carol"]) == 2
