"""Releases: what students receive holds no answer, and an nbgrader course is graded in the sandbox.

The nbgrader tests run the real thing in temporary courses with their own configuration: the README's steps
as written (release, ``nbgrader generate_assignment``, the exchange, ``collect``, ``grade-all --nbgrader``,
``nbgrader export``), and a class with two students who replace ``check``, whom ``nbgrader autograde``
gives full points and ``grade-all --nbgrader`` gives what ``autograder grade`` gives.
"""

from __future__ import annotations

import ast
import csv
import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import nbformat
import pytest
import yaml

from autograder.cli import main
from autograder.notebooks import cells
from autograder.release import student
from autograder.specs import all_exercises

ROOT = Path(__file__).resolve().parents[2]


def _normal(text: str) -> str:
    return " ".join(text.split())


def answer_fragments() -> dict[str, str]:
    """Every known answer, as text to search for: the body of each function of the key, of each correct
    fixture and of the sample class, and each of their statements long enough to be telling."""
    variants = ROOT / "tests" / "variants"
    sources = [*sorted((ROOT / "solutions").glob("*.py")), *sorted((ROOT / "autograder" / "keys").glob("*.py")),
               *sorted(variants.glob("*/correct_*.py")),
               *sorted(variants.glob("*/slow_*.py")), *sorted((ROOT / "examples" / "sample_class").rglob("*.py"))]
    fragments: dict[str, str] = {}
    for path in sources:
        source = path.read_text(encoding="utf-8")
        for node in ast.walk(ast.parse(source)):
            if not isinstance(node, ast.FunctionDef):
                continue
            body = node.body[1:] if ast.get_docstring(node) is not None else node.body
            if not body or cells.is_stub(node):
                continue
            where = f"{path.relative_to(ROOT)}:{node.name}"
            lines = source.splitlines()[body[0].lineno - 1:node.end_lineno]
            whole = _normal("\n".join(lines))
            if len(whole) >= 25:
                fragments[whole] = where
            for statement in body:
                text = _normal(ast.get_source_segment(source, statement) or "")
                if len(text) >= 40 and not text.startswith(("raise NotImplementedError", "return")):
                    fragments[text] = where
    # what the stubs themselves say (an instruction such as "use Adam with lr=1e-3") is no answer given away
    handout = _normal("\n".join(p.read_text(encoding="utf-8") for p in (ROOT / "exercises").glob("*.py")))
    return {fragment: where for fragment, where in fragments.items() if fragment not in handout}


@pytest.fixture(scope="module")
def student_release(tmp_path_factory) -> Path:
    target = tmp_path_factory.mktemp("release") / "course"
    student.student_release(target)
    return target


@pytest.mark.slow(seconds=20)  # writing the release takes about 20 s: left out of the fast lane
class TestTheStudentRelease:
    """One release for these tests, built once: under xdist a class runs in one process (tests/conftest.py)."""

    def test_the_release_has_what_students_need_and_no_more(self, student_release: Path) -> None:
        top = {p.name for p in student_release.iterdir()}
        assert top == {"exercises", "autograder", "datasets", "README.md", "LISEZMOI.md", "pyproject.toml", ".github",
                       ".gitignore", student.MARKER}
        for module in sorted((ROOT / "exercises").glob("*.py")):
            assert (student_release / "exercises" / module.name).read_text() == module.read_text()
            notebook = nbformat.read(student_release / "exercises" / f"{module.stem}.ipynb", as_version=4)
            nbformat.validate(notebook)
        for exercise in all_exercises():
            assert f"`{exercise.id}`" in (student_release / "README.md").read_text()
            assert f"`exercises/fr/{exercise.module}.py`" in (student_release / "LISEZMOI.md").read_text()
        assert (student_release / "datasets" / "course_reviews.txt").exists()
        assert (student_release / "datasets" / "stopwords" / "fr.txt").exists()
        # the training digits with their labels, not the held-out ones that score train_lenet
        assert len(list((student_release / "datasets" / "digits" / "train").rglob("*.png"))) > 1000
        assert not (student_release / "datasets" / "digits" / "test").exists()
        assert not (student_release / "autograder" / "keys").exists()

    def test_every_hand_written_reference_is_answered_by_records_in_the_release(self, student_release: Path) -> None:
        from autograder.core.key import is_answer_key

        recorded = {p.stem for p in (student_release / "autograder" / "recorded").glob("*.safetensors")}
        hand_written = {ex.id for ex in all_exercises() if is_answer_key(ex.reference) and ex.score is None}
        mistakes = {f"{ex.id}~{m.id}" for ex in all_exercises() for m in ex.mistakes if is_answer_key(m.function)}
        assert recorded == hand_written | mistakes
        assert "gru_step~gru_swapped_update_gate" in mistakes
        assert {"classifier_free_guidance", "predict_x0", "q_sample", "cosine_beta_schedule", "tfidf",
                "build_lenet", "prepare_for_transfer"} <= hand_written

    def test_nothing_in_the_release_gives_an_answer_away(self, student_release: Path) -> None:
        fragments = answer_fragments()
        assert len(fragments) > 100
        checked = 0
        for path in sorted(p for p in student_release.rglob("*") if p.is_file()):
            relative = path.relative_to(student_release)
            assert relative.parts[0] not in ("solutions", "tests", "examples", "benchmarks"), relative
            if relative.parts[0] == "autograder" and path.suffix == ".py":
                # the grader as the kit has it, byte for byte, but the answer key (never copied)
                assert relative.parts[1] != "keys" and path.read_bytes() == (ROOT / relative).read_bytes(), relative
            try:
                text = _normal(path.read_text(encoding="utf-8"))
            except UnicodeDecodeError:
                continue
            if relative.parts[0] != "autograder":  # student.py itself names nbgrader's markers
                assert "BEGIN SOLUTION" not in text, relative
            for fragment, origin in fragments.items():
                assert fragment not in text, f"{relative} holds the answer of {origin}: {fragment[:120]}"
            checked += 1
        assert checked > 30

    def test_the_ci_workflow_grades_on_push_on_cpu_or_on_the_courses_gpu_runner(self, student_release: Path) -> None:
        workflow = yaml.safe_load((student_release / ".github" / "workflows" / "autograde.yml").read_text())
        assert "push" in workflow[True]  # YAML reads the key `on` as True
        job = workflow["jobs"]["autograde"]
        assert job["runs-on"] == "ubuntu-latest"
        steps = "\n".join(step.get("run", "") for step in job["steps"])
        assert "autograder grade exercises --device cpu --seed 0" in steps
        assert '--summary "$GITHUB_STEP_SUMMARY"' in steps
        assert "whl/cpu" in steps
        # it fails below full marks (or the course's threshold), and pip's downloads are cached between pushes
        assert steps.rstrip().endswith("--min-score full")
        assert "--min-score 30" in student.workflow(min_score="30")
        setup = next(step for step in job["steps"] if step.get("uses", "").startswith("actions/setup-python"))
        assert setup["with"]["cache"] == "pip"
        gpu = yaml.safe_load(student.workflow(gpu_runner="gpu-t4"))["jobs"]["autograde"]
        assert gpu["runs-on"] == "gpu-t4" and "--device cuda" in "\n".join(s.get("run", "") for s in gpu["steps"])
        # a course taught in French (a release made with --lang fr) grades the folder its students work in,
        # and both READMEs say which
        assert "autograder grade exercises/fr --device cpu" in student.workflow(graded="exercises/fr")
        assert "it grades `exercises/fr/`" in student.student_readme("full", "en", graded="exercises/fr")
        assert "il corrige `exercises/fr/`" in student.student_readme("full", "fr", graded="exercises/fr")
        assert "it grades `exercises/`" in (student_release / "README.md").read_text()  # made in English

    @pytest.mark.slow
    @pytest.mark.grading
    def test_the_released_kit_grades_on_its_own(self, student_release: Path) -> None:
        """The release's own package grades its own exercises (not the kit's copy), writing the step summary."""
        boot = ("import sys; sys.path.insert(0, '.'); import autograder; print(autograder.__file__); "
                "from autograder.cli import main; sys.exit(main(sys.argv[1:]))")
        done = subprocess.run([sys.executable, "-I", "-c", boot, "grade", "exercises", "--only", "conv_output_size",
                               "--json", "result.json", "--summary", "summary.md", "--device", "cpu"],
                              cwd=student_release, capture_output=True, text=True, timeout=600)
        assert done.returncode == 0, done.stdout + done.stderr
        assert done.stdout.splitlines()[0] == str(student_release / "autograder" / "__init__.py")
        result = json.loads((student_release / "result.json").read_text())
        assert [e["status"] for e in result["exercises"]] == ["not_implemented"]
        summary = (student_release / "summary.md").read_text()
        assert summary.startswith("## Autograder: 0 / 5 points") and "| `conv_output_size` | 0 / 5 |" in summary
        assert "Practice: graded on the public seed 0" in summary

    @pytest.mark.slow
    @pytest.mark.grading
    def test_the_release_checks_withheld_references_against_recorded_answers(self, student_release: Path,
                                                                             tmp_path: Path) -> None:
        """The exercises whose reference code the release leaves out still check: the key gets full marks from the
        recorded answers (timing left to final grading) and a wrong answer is still caught, and still named where it
        is a classic mistake written in the key."""
        recorded = sorted(p.stem for p in (student_release / "autograder" / "recorded").glob("*.safetensors")
                          if "~" not in p.stem)
        assert "linear_beta_schedule" in recorded and "tfidf" in recorded
        by_id = {e.id: e for e in all_exercises()}
        key = tmp_path / "key"
        key.mkdir()
        for module in {by_id[i].module for i in recorded}:
            (key / f"{module}.py").write_text((ROOT / "solutions" / f"{module}.py").read_text())
        wrong = tmp_path / "wrong"
        wrong.mkdir()
        (wrong / "diffusion.py").write_text((ROOT / "tests" / "variants" / "linear_beta_schedule" /
                                             "wrong_end_exclusive.py").read_text())
        (wrong / "rnn.py").write_text((ROOT / "tests" / "variants" / "gru_step" /
                                       "wrong_update_convention_swapped.py").read_text())
        boot = ("import sys; sys.path.insert(0, '.'); "
                "from autograder.cli import main; sys.exit(main(sys.argv[1:]))")
        for folder, only in ((key, recorded), (wrong, ["linear_beta_schedule", "gru_step"])):
            done = subprocess.run([sys.executable, "-I", "-c", boot, "grade", str(folder), "--only", *only, "--json",
                                   str(folder / "result.json"), "--device", "cpu"],
                                  cwd=student_release, capture_output=True, text=True, timeout=900)
            result = json.loads((folder / "result.json").read_text())
            statuses = {e["id"]: e["status"] for e in result["exercises"]}
            if folder is key:
                assert statuses == dict.fromkeys(recorded, "passed"), done.stdout + done.stderr
                assert result["score"] == result["max_score"]
            else:
                assert statuses == {"linear_beta_schedule": "failed", "gru_step": "failed"}, done.stdout + done.stderr
                diagnoses = {e["id"]: e["diagnosis"] for e in result["exercises"]}
                assert diagnoses["gru_step"]["mistake"] == "gru_swapped_update_gate", diagnoses


def test_the_students_readme_comes_in_english_and_in_french_from_the_same_sentences() -> None:
    english, french = student.student_readme("full", "en"), student.student_readme("7", "fr")
    assert english.startswith("# Deep-learning exercises\n\nEn français\u00a0: [LISEZMOI.md](LISEZMOI.md), les "
                              "énoncés dans `exercises/fr/`.")
    assert french.startswith("# Exercices d'apprentissage profond\n\nIn English: [README.md](README.md), the "
                             "statements in `exercises/`.")
    assert "`.venv/bin/autograder check` grades every module of `exercises/`" in english
    assert "`.venv/bin/autograder check exercises/fr --lang fr` corrige chaque module de `exercises/fr/`" in french
    assert "## Vérifier votre travail" in french and "le job échoue sous 7 points" in french
    assert "the job fails below full marks" in english
    # the same document: its headings, list items and table rows line up
    def shape(text: str) -> list[tuple[str, int]]:
        lines = [line for line in text.splitlines() if line.startswith(("#", "- ", "|"))]
        return [(line.split(" ")[0], line.count("|")) for line in lines]

    assert shape(french) == shape(english)
    assert "Checking your work" not in french and "exercises/rnn.py" not in french
    # the exercise table: the summaries in the reader's language, from the same catalogue as `autograder list`
    assert "| `relu` | `exercises/fr/basics.py` | 2 | max(x, 0) élément par élément |" in french
    assert "| `relu` | `exercises/basics.py` | 2 | max(x, 0) elementwise |" in english
    assert "G_t = r_t + gamma G_{t+1} (1 - done_t), à rebours sur T" in french
    assert "one time step of a GRU cell" not in french


def test_the_release_copies_an_allow_list_of_the_package(tmp_path: Path, monkeypatch) -> None:
    """A new subpackage is released only once someone says so; the answer key never is."""
    assert "keys" in student.NEVER_RELEASED and "keys" not in student.RELEASED_PACKAGES
    assert not any("keys" in p.relative_to(student.PACKAGE).parts for p in student.released_package_files())
    fake = tmp_path / "autograder"
    for name in (*student.RELEASED_PACKAGES, *student.NEVER_RELEASED, "answers"):
        (fake / name).mkdir(parents=True)
        (fake / name / "__init__.py").write_text("")
    monkeypatch.setattr(student, "PACKAGE", fake)
    with pytest.raises(RuntimeError, match=r"autograder/answers/ is in neither"):
        student.released_package_files()


def test_a_filled_in_stub_stops_the_release_and_says_how_to_restore_it(tmp_path: Path) -> None:
    rnn = (ROOT / "exercises" / "rnn.py").read_text()
    filled = tmp_path / "rnn.py"
    key = ast.parse((ROOT / "solutions" / "rnn.py").read_text())
    (gru,) = [n for n in key.body if isinstance(n, ast.FunctionDef) and n.name == "gru_step"]
    tree = ast.parse(rnn)
    for i, node in enumerate(tree.body):
        if isinstance(node, ast.FunctionDef) and node.name == "gru_step":
            tree.body[i] = gru
    filled.write_text(ast.unparse(tree) + "\n\ndef _helper():\n    return 1\n")
    with pytest.raises(student.ReleaseRefused) as refused:
        student.refuse_filled_in_stubs([filled])
    message = str(refused.value)
    assert "exercises/rnn.py: gru_step()" in message and "exercises/rnn.py: _helper()" in message
    assert "rnn_step()" not in message and "git checkout -- exercises/" in message
    student.refuse_filled_in_stubs([ROOT / "exercises" / "rnn.py"])  # the handout itself: nothing to say


def test_a_release_that_would_hold_an_answer_is_removed_and_names_it(tmp_path: Path) -> None:
    target = tmp_path / "release"
    target.mkdir()
    (target / "ok.py").write_text("x = 1\n")
    key = (ROOT / "autograder" / "keys" / "diffusion.py").read_text()
    leaky = target / "leaky.py"
    leaky.write_text(key)  # say, a specification that still held a hand-written reference
    with pytest.raises(student.ReleaseRefused, match=r"leaky.py holds a piece of the answer of autograder/keys/"):
        student._refuse_leaks(target, [target / "ok.py", leaky])
    assert not target.exists()


# -- nbgrader -----------------------------------------------------------------------------------------
def test_nbgrader_source_holds_the_key_between_markers_and_our_points() -> None:
    points = {ex.id: ex.points for ex in all_exercises()}
    seen = 0
    for module in sorted((ROOT / "exercises").glob("*.py")):
        notebook = student.nbgrader_notebook(module)
        if notebook is None:
            continue
        key = (ROOT / "solutions" / module.name).read_text()
        for cell in notebook.cells:
            meta = cell.metadata.get("nbgrader")
            if meta is None:
                continue
            exercise_id = meta["grade_id"].rsplit("-", 1)[0]
            if meta["solution"]:
                seen += 1
                assert "### BEGIN SOLUTION" in cell.source and "### END SOLUTION" in cell.source
                compile(cell.source, meta["grade_id"], "exec")
                region = cell.source.split("### BEGIN SOLUTION")[1].split("### END SOLUTION")[0]
                function = next(e.function for e in all_exercises() if e.id == exercise_id)
                (node,) = [n for n in ast.parse(key).body if isinstance(n, ast.FunctionDef) and n.name == function]
                last = ast.get_source_segment(key, node.body[-1])
                assert _normal(last) in _normal(region), meta["grade_id"]
            else:
                assert meta["grade"] and meta["locked"] and meta["points"] == points[exercise_id]
                assert meta["grade_id"] == f"{exercise_id}-test"  # what grade-all --nbgrader fills in
                assert "HIDDEN TESTS" not in cell.source  # no seed of its own: grade-all's seed grades
                assert cell.source.endswith(f'check("{exercise_id}", service=False).award()')
    assert seen == sum(1 for ex in all_exercises() if (ROOT / "solutions" / f"{ex.module}.py").exists())


def test_a_seed_for_an_nbgrader_course_is_refused_with_where_the_seed_goes(tmp_path: Path, capsys) -> None:
    assert main(["release", "--nbgrader", str(tmp_path / "course"), "--seed", "7"]) == 2
    assert "grade-all SUBMITTED` (on a secret seed; with --nbgrader DIR" in " ".join(capsys.readouterr().out.split())
    assert not (tmp_path / "course").exists()


def _jupyter_env(folder: Path) -> dict[str, str]:
    """An environment whose Jupyter and nbgrader configuration is only what ``folder`` holds."""
    return {**os.environ, "JUPYTER_CONFIG_DIR": str(folder / ".jupyter"), "JUPYTER_DATA_DIR": str(folder / ".data"),
            "IPYTHONDIR": str(folder / ".ipython")}


def _nbgrader(course: Path, *args: str) -> subprocess.CompletedProcess:
    env = {**_jupyter_env(course),
           "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}"}
    done = subprocess.run([sys.executable, "-m", "nbgrader", *args], cwd=course, env=env, capture_output=True,
                          text=True, timeout=900)
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    return done


# a function that returns 0, and a check that awards full points where nbgrader's test cell looks for it
CHEAT_BY_REDEFINING = """\
import sys
import types


def conv_output_size(input_size, kernel_size, stride=1, padding=0, dilation=1):
    return 0


class FullMarks:
    def award(self):
        return 5


def check(*args, **kwargs):
    return FullMarks()


sys.modules["autograder"] = types.SimpleNamespace(check=check)  # the test cell's import finds this check
"""
CHEAT_BY_PATCHING = """\
import autograder


def conv_output_size(input_size, kernel_size, stride=1, padding=0, dilation=1):
    return 0


class FullMarks:
    def award(self):
        return 5


autograder.check = lambda *args, **kwargs: FullMarks()
"""


def readme_nbgrader_steps() -> str:
    """The shell block of the README's "An nbgrader course"."""
    section = (ROOT / "README.md").read_text(encoding="utf-8").split("### An nbgrader course\n", 1)[1]
    return section.split("```sh\n", 1)[1].split("```", 1)[0]


# a student's notebook: the one nbgrader handed out, its solution cell replaced by the text of a file
# fills the released notebook's solution cells: argv is the notebook, then (answer, where to write) pairs;
# one process for every student (importing nbformat costs seconds)
FILL_IN = """\
import sys

import nbformat

for answer, target in zip(sys.argv[2::2], sys.argv[3::2]):
    notebook = nbformat.read(sys.argv[1], as_version=4)
    for cell in notebook.cells:
        if cell.metadata.get("nbgrader", {}).get("solution"):
            cell.source = open(answer).read()
    nbformat.write(notebook, target)
"""


@pytest.mark.slow(seconds=150)
@pytest.mark.grading
def test_the_readmes_nbgrader_steps_run_as_written_and_grade_in_the_sandbox(tmp_path: Path, monkeypatch) -> None:
    """The README's block, run by bash from a kit folder whose .venv is this one. The students' step (a
    comment there) is one student submitting through the exchange, and three put into submitted/ by hand: one
    with a bug and two who replace ``check`` in a function that returns 0. In nbgrader's own gradebook, in
    ``nbgrader export``'s CSV and in formgrader, each gets what ``autograder grade`` gives on grade-all's
    secret seed: the cheats 0. nbgrader's own autograde gives the cheats full points (the attack is real);
    step 6 run again writes the sandbox's points back."""
    from nbgrader.api import Gradebook as NbgraderGradebook
    from nbgrader.apps.api import NbGraderAPI

    from autograder.batch import nbgrader_gradebook
    from autograder.batch.gradebook import Gradebook
    from autograder.core.grader import Grader

    steps = readme_nbgrader_steps()
    (students_step,) = [line for line in steps.splitlines() if line.startswith("#") and "nbgrader submit" in line]
    kit = tmp_path / "kit"
    kit.mkdir()
    (kit / ".venv").symlink_to(sys.prefix)
    fill_in = tmp_path / "fill_in.py"
    fill_in.write_text(FILL_IN)
    variants = ROOT / "tests" / "variants" / "conv_output_size"
    for name, text in (("cheat_patching", CHEAT_BY_PATCHING), ("cheat_redefining", CHEAT_BY_REDEFINING)):
        (tmp_path / f"{name}.py").write_text(text)
    alice = tmp_path / "alice"
    students = textwrap.dedent(f"""\
        mkdir -p "{alice}/cnn"
        python "{fill_in}" release/cnn/cnn.ipynb "{variants}/correct_math_floor.py" "{alice}/cnn/cnn.ipynb"
        (cd "{alice}" && nbgrader submit cnn --student=alice --course=dl-autograder --Exchange.root="$OLDPWD/exchange")
        for student in bob cheat_patching cheat_redefining; do mkdir -p submitted/$student/cnn; done
        python "{fill_in}" release/cnn/cnn.ipynb "{variants}/wrong_ceil.py" submitted/bob/cnn/cnn.ipynb \\
            "{tmp_path}/cheat_patching.py" submitted/cheat_patching/cnn/cnn.ipynb \\
            "{tmp_path}/cheat_redefining.py" submitted/cheat_redefining/cnn/cnn.ipynb
        """)
    venv_bin = str(Path(sys.executable).parent)
    path = os.pathsep.join(p for p in os.environ.get("PATH", "").split(os.pathsep) if p != venv_bin)
    done = subprocess.run(["bash", "-euo", "pipefail", "-c", steps.replace(students_step, students)], cwd=kit,
                          env={**_jupyter_env(tmp_path), "PATH": path}, capture_output=True, text=True, timeout=900)
    assert done.returncode == 0, done.stdout[-4000:] + done.stderr[-4000:]
    course = kit / "course"
    assert (course / "submitted" / "alice" / "cnn" / "timestamp.txt").exists()  # collected from the exchange

    def nbgraders_gradebook() -> dict[str, dict[str, float]]:
        with NbgraderGradebook(f"sqlite:///{course / 'gradebook.db'}", "dl-autograder") as gradebook:
            return {s.student.id: {g.name: g.auto_score for g in s.notebooks[0].grades}
                    for s in gradebook.find_assignment("cnn").submissions}

    with Gradebook(course / "grades" / "gradebook.db") as ours_book:  # grade-all's, with its secret seed
        secret, new = ours_book.secret_seed()
    assert not new
    with Grader(seed=secret, secret=True) as grader:  # what `autograder grade` gives each notebook on that seed
        ours = {student: {f"{e.id}-test": e.score for e in grader.grade(
            course / "submitted" / student / "cnn" / "cnn.ipynb", only=["conv_output_size", "conv2d"]).exercises}
            for student in ("alice", "bob", "cheat_patching", "cheat_redefining")}
    assert ours["alice"]["conv_output_size-test"] == 5 and 0 < ours["bob"]["conv_output_size-test"] < 5
    assert ours["cheat_patching"]["conv_output_size-test"] == ours["cheat_redefining"]["conv_output_size-test"] == 0
    assert all(scores["conv2d-test"] == 0 for scores in ours.values())  # left as the stub by everyone
    assert nbgraders_gradebook() == ours
    with open(course / "grades.csv", newline="") as exported:  # nbgrader export's
        rows = {row["student_id"]: row for row in csv.DictReader(exported)}
    assert {student: (float(row["score"]), float(row["max_score"])) for student, row in rows.items()} == {
        student: (sum(scores.values()), 20.0) for student, scores in ours.items()}  # conv_output_size 5 + conv2d 15
    assert rows["alice"]["timestamp"] and not rows["bob"]["timestamp"]
    # formgrader's list of submissions: every one graded, with these points
    coursedir = nbgrader_gradebook.open_course(course, course, tmp_path / "grades" / "gradebook.db").coursedir
    listed = NbGraderAPI(coursedir, config=coursedir.config).get_submissions("cnn")
    assert {s["student"]: (s["autograded"], s["score"]) for s in listed} == {
        student: (True, sum(scores.values())) for student, scores in ours.items()}

    # the attack is real: nbgrader's own autograde runs the students' kernels, and the cheats' check awards
    # full points to a function that returns 0; grade-all --nbgrader, run again, writes the sandbox's back
    monkeypatch.setenv("JUPYTER_PATH", str(tmp_path / "jupyter" / "share" / "jupyter"))
    from ipykernel.kernelspec import install

    install(kernel_name="python3", prefix=str(tmp_path / "jupyter"))
    _nbgrader(course, "autograde", "cnn", "--student=cheat_*", "--force")
    assert {student: scores["conv_output_size-test"] for student, scores in nbgraders_gradebook().items()
            if student.startswith("cheat")} == {"cheat_patching": 5, "cheat_redefining": 5}
    monkeypatch.chdir(course)
    assert main(["grade-all", "submitted", "--out", "grades", "--nbgrader", "."]) == 0
    assert nbgraders_gradebook() == ours


def test_check_calls_in_nbgrader_test_cells_are_not_part_of_the_graded_module() -> None:
    text = cells.module_text([("cell 1", student.test_cell("gru_step"))], "rnn.ipynb")
    assert "# check: check(\"gru_step\", service=False).award()" in text
    assert "# check: from autograder import check" in text


