"""grade-all --nbgrader: what it checks before grading, and what it writes into nbgrader's own gradebook.

The gradebook is made with nbgrader's API, as ``nbgrader generate_assignment`` leaves it (an assignment
``cnn``, its notebook, two exercise grade cells and a grade cell of the instructor's own), and the grades
are results made by hand: nothing is graded here. tests/release/test_release.py runs the real thing.
"""

from __future__ import annotations

import io
import os
import shutil
import sys
from dataclasses import replace
from pathlib import Path

import nbformat
import pytest
from rich.console import Console
from support.results import a_result

from autograder.batch import nbgrader_gradebook
from autograder.batch.gradebook import Record
from autograder.cli import main
from autograder.core.messages import say
from autograder.core.status import SubmissionStatus
from autograder.release import student

CELLS = {"conv_output_size-test": 5.0, "conv2d-test": 15.0, "explain-padding": 2.0}


@pytest.fixture(scope="module")
def generated_gradebook(tmp_path_factory) -> Path:
    """gradebook.db as ``nbgrader generate_assignment cnn`` leaves it (made once: a new one runs alembic)."""
    from nbgrader.api import Gradebook

    folder = tmp_path_factory.mktemp("nbgrader")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("PATH", f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}")  # for alembic
        with Gradebook(f"sqlite:///{folder / 'gradebook.db'}", "dl-autograder") as gradebook:
            gradebook.update_or_create_assignment("cnn")
            gradebook.update_or_create_notebook("cnn", "cnn")
            for cell, points in CELLS.items():
                gradebook.update_or_create_grade_cell(cell, "cnn", "cnn", max_score=points, cell_type="code")
                gradebook.update_or_create_source_cell(cell, "cnn", "cnn", source=f"# the locked {cell}",
                                                       cell_type="code", locked=True)
    return folder / "gradebook.db"


@pytest.fixture
def course(tmp_path: Path, generated_gradebook: Path) -> Path:
    course = tmp_path / "course"
    (course / "source" / "cnn").mkdir(parents=True)
    (course / "nbgrader_config.py").write_text(student.nbgrader_config())
    shutil.copyfile(generated_gradebook, course / "gradebook.db")
    return course


def hand_in(course: Path, student_id: str, assignment: str = "cnn", timestamp: str | None = None) -> Path:
    """A notebook as a student hands it in: their answer, and a test cell whose output they made up."""
    folder = course / "submitted" / student_id / assignment
    folder.mkdir(parents=True)
    notebook = nbformat.v4.new_notebook(cells=[
        nbformat.v4.new_code_cell("def conv_output_size(*a):\n    return 0", metadata={"nbgrader": {
            "grade_id": "conv_output_size-solution", "solution": True, "grade": False, "locked": False}},
            outputs=[nbformat.v4.new_output("stream", text="kernel output\n")]),
        nbformat.v4.new_code_cell("print('5/5, trust me')", metadata={"nbgrader": {
            "grade_id": "conv_output_size-test", "solution": False, "grade": True, "locked": True, "points": 5}},
            outputs=[nbformat.v4.new_output("stream", text="5/5, trust me\n")]),
    ])
    nbformat.write(notebook, folder / "cnn.ipynb")
    if timestamp is not None:
        (folder / "timestamp.txt").write_text(timestamp)
    return folder


def graded(student_id: str, score: float) -> Record:
    return Record(student_id, SubmissionStatus.GRADED, result=a_result(student_id, score))


class TestACourse:
    """Tests of one generated gradebook, made once: under xdist a class runs in one process (tests/conftest.py)."""

    def test_what_is_missing_is_said_before_anything_is_graded(self, tmp_path: Path, course: Path) -> None:
        own = tmp_path / "grades" / "gradebook.db"
        (course / "gradebook.db").unlink()
        hand_in(course, "ada")
        with pytest.raises(FileNotFoundError, match=r"run `nbgrader generate_assignment <assignment>` in .* first"):
            nbgrader_gradebook.open_course(course, course / "submitted", own)

    def test_grade_all_stops_before_grading_anyone(self, tmp_path: Path, course: Path, capsys) -> None:
        """Not a worker starts (this test is not marked grading): the course is checked first."""
        hand_in(course, "ada", "rnn")
        assert main(["grade-all", str(course / "submitted"), "--out", str(tmp_path / "grades"), "--nbgrader",
                     str(course)]) == 2
        assert "has no assignment rnn" in capsys.readouterr().out
        assert main(["grade-all", str(course / "submitted"), "--out", str(course), "--nbgrader", str(course)]) == 2
        assert "which is nbgrader's" in capsys.readouterr().out
        assert not (tmp_path / "grades").exists()

    def test_assignments_nbgrader_does_not_know_are_refused(self, tmp_path: Path, course: Path) -> None:
        own = tmp_path / "grades" / "gradebook.db"
        hand_in(course, "ada")
        with pytest.raises(ValueError, match="which is nbgrader's"):
            nbgrader_gradebook.open_course(course, course / "submitted", course / "gradebook.db")
        (course / "source" / "rnn").mkdir()
        hand_in(course, "bob", "rnn")
        with pytest.raises(ValueError) as caught:
            nbgrader_gradebook.open_course(course, course / "submitted", own)
        assert str(caught.value) == say("nbgrader_not_generated", where=course / "submitted" / "bob" / "rnn",
                                        assignment="rnn", course=course.resolve())
        assert "`nbgrader generate_assignment rnn`" in str(caught.value)
        shutil.rmtree(course / "source" / "rnn")
        with pytest.raises(ValueError, match="has no assignment rnn"):
            nbgrader_gradebook.open_course(course, course / "submitted", own)
        with pytest.raises(ValueError, match="SUBMISSIONS is that course's"):
            nbgrader_gradebook.open_course(course, course / "submitted" / "bob", own)
        shutil.rmtree(course / "submitted")
        with pytest.raises(FileNotFoundError, match=r"holds no assignment folder .*`nbgrader collect <assignment>`"):
            nbgrader_gradebook.open_course(course, course, own)

    def test_the_course_names_the_exercises_its_grade_cells_hold(self, tmp_path: Path, course: Path) -> None:
        hand_in(course, "ada")
        # SUBMISSIONS may be the course itself too
        found = nbgrader_gradebook.open_course(course, course, tmp_path / "grades" / "gradebook.db")
        assert found.submitted == {"ada": {"cnn": course / "submitted" / "ada" / "cnn"}}
        assert found.grade_cells == {"cnn": {"cnn": sorted(CELLS)}}
        assert found.exercises() == ("conv_output_size", "conv2d")  # in the kit's order; explain-padding is no exercise
        with pytest.raises(ValueError, match="no grade cell of cnn names an exercise of this kit"):
            replace(found, grade_cells={"cnn": {"cnn": ["explain-padding"]}}).exercises()
        sentences = nbgrader_gradebook.mismatches(found, ["max_pool2d", "conv_output_size", "no_such_exercise"])
        assert sentences == [
            say("nbgrader_no_grade_cell", exercises="max_pool2d", assignment="cnn", notebook="cnn"),
            say("nbgrader_no_exercise", cells="conv2d-test, explain-padding", assignment="cnn", notebook="cnn")]

    @pytest.mark.filterwarnings("ignore::sqlalchemy.exc.SAWarning")  # nbgrader's add_submission, called here too
    def test_grades_go_where_nbgrader_export_and_formgrader_read_them(self, tmp_path: Path, course: Path) -> None:
        from nbgrader.api import Gradebook

        hand_in(course, "ada", timestamp="2026-11-23 14:05:00.000000 UTC")
        hand_in(course, "bob")
        hand_in(course, "cy")
        hand_in(course, "dan")
        eve = course / "submitted" / "eve" / "cnn"
        eve.mkdir(parents=True)
        (eve / "cnn.ipynb").symlink_to(course / "source" / "cnn" / "cnn.ipynb")  # the key, were it followed
        nbformat.write(nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("THE KEY")]),
                       course / "source" / "cnn" / "cnn.ipynb")
        earlier = course / "autograded" / "bob" / "cnn" / "cnn.ipynb"  # nbgrader autograde's, read-only
        earlier.parent.mkdir(parents=True)
        earlier.write_text("{}")
        earlier.chmod(0o444)
        found = nbgrader_gradebook.open_course(course, course / "submitted", tmp_path / "gradebook.db")
        url = f"sqlite:///{course / 'gradebook.db'}"
        with Gradebook(url, "dl-autograder") as gradebook:
            gradebook.update_or_create_student("ada", first_name="Ada")
            gradebook.update_or_create_submission("cnn", "ada")
            gradebook.find_grade("explain-padding", "cnn", "cnn", "ada").manual_score = 1.5  # graded by hand already
            gradebook.db.commit()
        records = [graded("ada", 3.5), graded("bob", 5.0),
                   Record("cy", SubmissionStatus.REJECTED, "cnn.ipynb is 9 MiB, over the 8 MiB bound per file"),
                   Record("dan", SubmissionStatus.ERROR, "the grading process died"), graded("eve", 0.0)]
        console = Console(file=io.StringIO(), width=400)
        assert nbgrader_gradebook.write(found, records, console) == 4
        said = console.file.getvalue()  # type: ignore[attr-defined]
        assert say("nbgrader_error", student="dan") in said
        assert say("nbgrader_not_graded", student="cy", status="rejected", assignments="cnn",
                   detail="cnn.ipynb is 9 MiB, over the 8 MiB bound per file") in said
        with Gradebook(url, "dl-autograder") as gradebook:
            def grades(student_id: str) -> dict[str, tuple[float | None, bool]]:
                notebook = gradebook.find_submission_notebook("cnn", "cnn", student_id)
                return {g.name: (g.auto_score, g.needs_manual_grade) for g in notebook.grades}

            assert grades("ada") == {"conv_output_size-test": (3.5, False), "conv2d-test": (None, True),
                                     "explain-padding": (None, True)}  # not graded by this run: left alone
            assert gradebook.find_student("ada").first_name == "Ada"
            assert str(gradebook.find_submission("cnn", "ada").timestamp) == "2026-11-23 14:05:00"
            assert gradebook.find_submission("cnn", "ada").score == 3.5 + 1.5
            assert grades("bob")["conv_output_size-test"] == (5.0, False)  # a student nbgrader did not know
            assert grades("cy") == dict.fromkeys(CELLS, (0.0, True))
            assert [s.student.id for s in gradebook.find_assignment("cnn").submissions] == ["ada", "bob", "cy", "eve"]

        shown = nbformat.read(course / "autograded" / "ada" / "cnn" / "cnn.ipynb", as_version=4)
        solution, test = shown.cells
        assert solution.outputs == [] and "return 0" in solution.source  # the kernel's output is not shown
        assert test.source == "# the locked conv_output_size-test"  # as the instructor wrote it
        (feedback,) = test.outputs
        assert feedback.data["text/plain"].startswith("conv_output_size  3.5/5  failed  2 of 20 cases fail")
        assert "<table>" in feedback.data["text/html"]
        assert (course / "autograded" / "ada" / "cnn" / "timestamp.txt").read_text().startswith("2026-11-23")
        assert not (course / "autograded" / "dan").exists()
        assert nbformat.read(earlier, as_version=4).cells[1].outputs[0].data["text/plain"].startswith(
            "conv_output_size  5/5")
        assert list((course / "autograded" / "eve" / "cnn").iterdir()) == []  # a link is never followed

        # a second run writes the same again, a manual grade given meanwhile stays and is flagged
        with Gradebook(url, "dl-autograder") as gradebook:
            gradebook.find_grade("conv_output_size-test", "cnn", "cnn", "bob").manual_score = 4.0
            gradebook.db.commit()
        nbgrader_gradebook.write(found, records, Console(file=io.StringIO()))
        with Gradebook(url, "dl-autograder") as gradebook:
            grade = gradebook.find_grade("conv_output_size-test", "cnn", "cnn", "bob")
            scores = (grade.auto_score, grade.manual_score, grade.needs_manual_grade, grade.score)
            assert scores == (5.0, 4.0, True, 4.0)
            assert len(gradebook.find_assignment("cnn").submissions) == 4


