"""nbgrader's own gradebook, filled by ``autograder grade-all COURSE/submitted --nbgrader COURSE``.

``nbgrader autograde`` runs every submitted notebook in a kernel on the instructor's machine, with no
sandbox, and its test cells trust ``check`` as the student's kernel defines it: a solution cell that
replaces ``check`` (or patches ``autograder.check``) gets full points. So an nbgrader course is graded by
``grade-all``, in sandboxed workers like any other class, and this module writes the outcome into
nbgrader's gradebook through nbgrader's API, as ``nbgrader autograde`` would:

- the student, created if nbgrader does not know them yet;
- one submission per assignment folder ``submitted/<student>/<assignment>/``, with the time of its
  ``timestamp.txt`` where there is one;
- every grade cell's ``auto_score``: the grade cell ``<exercise id>-test`` gets the exercise's score, and
  ``needs_manual_grade`` is set where a manual score already exists (it takes precedence in nbgrader);
- ``autograded/<student>/<assignment>/``: the notebooks handed in, their outputs cleared (they come from the
  student's kernel), each test cell's source restored and showing grade-all's feedback as its output, and
  ``timestamp.txt``. Formgrader counts a submission as graded only where this folder exists, shows these
  notebooks, and ``nbgrader generate_feedback`` makes the students' feedback from them.

``nbgrader export`` and formgrader read the points from there. :func:`open_course` checks everything it can
before grading starts: the gradebook exists, every submitted assignment was generated.
"""

from __future__ import annotations

import shutil
import warnings
from collections.abc import Iterator
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from rich.console import Console

from autograder.batch.gradebook import Record
from autograder.core.files import MAX_FILE_BYTES
from autograder.core.messages import say, shown_submission_status
from autograder.core.result import ExerciseResult
from autograder.core.status import SubmissionStatus

TEST_CELL_SUFFIX = "-test"  # the grade cell of exercise X is X-test (autograder.release.student)


@dataclass(frozen=True)
class Course:
    """An nbgrader course, as far as grade-all writes into it."""

    coursedir: Any  # nbgrader's CourseDirectory, configured by the course's nbgrader_config.py
    grade_cells: dict[str, dict[str, list[str]]]  # assignment -> notebook -> its grade cells' names
    submitted: dict[str, dict[str, Path]]  # student -> assignment -> the folder they handed in

    def gradebook(self) -> Any:
        from nbgrader.api import Gradebook

        return Gradebook(self.coursedir.db_url, self.coursedir.course_id)

    def autograded(self, student: str, assignment: str) -> Path:
        return Path(self.coursedir.format_path(self.coursedir.autograded_directory, student, assignment))

    def exercises(self) -> tuple[str, ...]:
        """The kit's exercises that a grade cell of a submitted assignment names, in the kit's order;
        ``ValueError`` where there is none."""
        from autograder.specs import all_exercises

        named = {exercise_of(cell) for notebooks in self.grade_cells.values()
                 for cells in notebooks.values() for cell in cells}
        found = tuple(ex.id for ex in all_exercises() if ex.id in named)
        if not found:
            raise ValueError(say("nbgrader_no_exercises", assignments=", ".join(self.grade_cells)))
        return found


def exercise_of(grade_cell: str) -> str | None:
    """The exercise whose points a grade cell holds (``gru_step-test``: ``gru_step``), None for another cell."""
    return grade_cell.removesuffix(TEST_CELL_SUFFIX) if grade_cell.endswith(TEST_CELL_SUFFIX) else None


# -- before grading -----------------------------------------------------------------------------------
def open_course(root: Path, submissions: Path, own_db: Path) -> Course:
    """The course in ``root`` whose submissions ``submissions`` (its ``submitted/`` folder) holds; raises
    ``FileNotFoundError`` or ``ValueError`` with what to do where nbgrader is not ready for them."""
    try:
        import nbgrader  # noqa: F401
    except ImportError as err:
        raise ValueError(say("nbgrader_missing", error=err)) from err
    root = root.resolve()
    coursedir = _coursedir(root)
    db = _sqlite_file(coursedir.db_url)
    if db is not None and not db.is_file():
        raise FileNotFoundError(say("nbgrader_no_gradebook", course=root, db=db))
    if db is not None and own_db.resolve() == db:
        raise ValueError(say("nbgrader_same_db", db=db))
    folder = root / coursedir.submitted_directory  # where formgrader looks for what was handed in
    if submissions.resolve() not in (root, folder):
        raise ValueError(say("nbgrader_elsewhere", submissions=submissions, course=root, folder=folder))
    submitted = submitted_assignments(folder)
    if not submitted:
        raise FileNotFoundError(say("nbgrader_no_assignments", folder=folder))
    course = Course(coursedir, {}, submitted)
    with course.gradebook() as gradebook:
        grade_cells = {assignment.name: {notebook.name: sorted(cell.name for cell in notebook.grade_cells)
                                         for notebook in assignment.notebooks}
                       for assignment in gradebook.assignments}
    for assignments in submitted.values():
        for assignment, folder in assignments.items():
            if assignment not in grade_cells:
                key = "nbgrader_not_generated" if (root / "source" / assignment).is_dir() \
                    else "nbgrader_unknown_assignment"
                raise ValueError(say(key, where=folder, assignment=assignment, course=root))
    wanted = {assignment for assignments in submitted.values() for assignment in assignments}
    return Course(coursedir, {a: cells for a, cells in grade_cells.items() if a in wanted}, submitted)


def _coursedir(root: Path) -> Any:
    """nbgrader's view of the course: its folders, database URL and course id, as ``root/nbgrader_config.py``
    sets them (nbgrader's own defaults otherwise: ``root/gradebook.db``)."""
    from nbgrader.coursedir import CourseDirectory
    from traitlets.config import Config
    from traitlets.config.loader import PyFileConfigLoader

    config = Config()
    if (root / "nbgrader_config.py").is_file():
        config = PyFileConfigLoader("nbgrader_config.py", path=str(root)).load_config()
    # nbgrader takes a relative root from the folder it runs in, which for nbgrader is the course's
    config.CourseDirectory.root = str(root / config.CourseDirectory.get("root", "."))
    return CourseDirectory(config=config)


def _sqlite_file(db_url: str) -> Path | None:
    """The file of an SQLite database URL (nbgrader's default), None for a database server."""
    prefix = "sqlite:///"
    return Path(db_url.removeprefix(prefix)).resolve() if db_url.startswith(prefix) else None


def submitted_assignments(submitted: Path) -> dict[str, dict[str, Path]]:
    """The folders ``submitted/<student>/<assignment>/``, by student and assignment."""
    found: dict[str, dict[str, Path]] = {}
    for student in _folders(submitted):
        assignments = {folder.name: folder for folder in _folders(student)}
        if assignments:
            found[student.name] = assignments
    return found


def _folders(parent: Path) -> Iterator[Path]:
    if parent.is_dir():
        yield from sorted(p for p in parent.iterdir()
                          if p.is_dir() and not p.is_symlink() and not p.name.startswith((".", "_")))


# -- after grading ------------------------------------------------------------------------------------
def mismatches(course: Course, exercise_ids: list[str]) -> list[str]:
    """What does not line up between the exercises graded and the course's grade cells, one sentence each:
    an exercise graded whose notebook has no grade cell for it, a grade cell naming no exercise graded."""
    from autograder.specs import all_exercises

    graded = [ex for ex in all_exercises() if ex.id in exercise_ids]
    sentences = []
    for assignment, notebooks in course.grade_cells.items():
        for notebook, cells in notebooks.items():
            named = {exercise_of(cell) for cell in cells}
            extra = [ex.id for ex in graded if ex.module == notebook and ex.id not in named]
            if extra:
                sentences.append(say("nbgrader_no_grade_cell", exercises=", ".join(extra), assignment=assignment,
                                     notebook=notebook))
            ids = {ex.id for ex in graded}
            alone = [cell for cell in cells if exercise_of(cell) not in ids]
            if alone:
                sentences.append(say("nbgrader_no_exercise", cells=", ".join(alone), assignment=assignment,
                                     notebook=notebook))
    return sentences


def write(course: Course, records: list[Record], console: Console) -> int:
    """Write every student's current grade into nbgrader's gradebook and ``autograded/``; returns the
    submissions written."""
    from sqlalchemy.exc import SAWarning

    written = 0
    with warnings.catch_warnings(), course.gradebook() as gradebook:
        # nbgrader's add_submission builds its rows in a way SQLAlchemy 2 warns about; harmless, and not ours
        warnings.filterwarnings("ignore", message=".*not in session, add operation along", category=SAWarning)
        for record in records:
            assignments = course.submitted.get(record.student_id, {})
            if record.status == SubmissionStatus.ERROR:
                console.print(say("nbgrader_error", student=record.student_id), highlight=False, markup=False)
                continue
            result = record.graded_result
            if result is None and assignments:
                console.print(say("nbgrader_not_graded", student=record.student_id,
                                  status=shown_submission_status(record.status), detail=record.detail,
                                  assignments=", ".join(assignments)),
                              highlight=False, markup=False)
            exercises = {e.id: e for e in result.exercises} if result is not None else None
            for assignment, folder in assignments.items():
                _write_grades(gradebook, course, record.student_id, assignment, folder, exercises)
                _write_autograded(gradebook, course, record.student_id, assignment, folder, exercises or {})
                written += 1
    db = _sqlite_file(course.coursedir.db_url) or course.coursedir.db_url
    console.print(say("nbgrader_written", db=db, submissions=written, assignments=", ".join(course.grade_cells)),
                  highlight=False, markup=False)
    return written


def _write_grades(gradebook: Any, course: Course, student: str, assignment: str, folder: Path,
                  exercises: dict[str, ExerciseResult] | None) -> None:
    """One student's submission of one assignment, as ``nbgrader autograde`` records it: the student, the
    submission and its timestamp, each grade cell's ``auto_score``; ``exercises`` None: a submission that
    could not be graded, whose grade cells score 0, flagged for a person to look at."""
    gradebook.update_or_create_student(student)
    timestamp = _timestamp(folder)
    gradebook.update_or_create_submission(assignment, student, **({"timestamp": timestamp} if timestamp else {}))
    for notebook, cells in course.grade_cells[assignment].items():
        for cell in cells:
            exercise = exercises.get(exercise_of(cell) or "") if exercises is not None else None
            if exercises is not None and exercise is None:
                continue  # not graded by this run: left as it was (mismatches() says so)
            grade = gradebook.find_grade(cell, notebook, assignment, student)
            grade.auto_score = exercise.score if exercise is not None else 0.0
            grade.needs_manual_grade = exercise is None or grade.manual_score is not None
    gradebook.db.commit()


def _timestamp(folder: Path) -> str | None:
    """The submission's time as nbgrader's exchange wrote it (``timestamp.txt``), None when unknown."""
    from nbgrader.utils import parse_utc

    try:
        text = (folder / "timestamp.txt").read_text(encoding="utf-8").strip()
        parse_utc(text)
    except (OSError, UnicodeDecodeError, ValueError, OverflowError):
        return None  # nbgrader autograde refuses an unreadable timestamp; the points matter more here
    return text or None


def _write_autograded(gradebook: Any, course: Course, student: str, assignment: str, folder: Path,
                      exercises: dict[str, ExerciseResult]) -> None:
    """``autograded/<student>/<assignment>/`` as formgrader reads it: each notebook of the assignment that
    the student handed in, outputs cleared, test cells restored and showing grade-all's feedback."""
    target = course.autograded(student, assignment)
    target.mkdir(parents=True, exist_ok=True)
    for notebook, cells in course.grade_cells[assignment].items():
        handed_in = _read_notebook(folder / f"{notebook}.ipynb")
        if handed_in is None:
            continue  # nothing to show: the grades say the rest
        for cell in handed_in.cells:
            grade_id = cell.get("metadata", {}).get("nbgrader", {}).get("grade_id")
            if cell.get("cell_type") == "code":
                cell.outputs, cell.execution_count = [], None
            if grade_id in cells:
                cell.source = _locked_source(gradebook, grade_id, notebook, assignment, cell.source)
                exercise = exercises.get(exercise_of(grade_id) or "")
                if exercise is not None and cell.get("cell_type") == "code":
                    cell.outputs = [_feedback_output(exercise)]
        _write_notebook(handed_in, target / f"{notebook}.ipynb")
    timestamp = folder / "timestamp.txt"
    if timestamp.is_file() and not timestamp.is_symlink():
        (target / timestamp.name).unlink(missing_ok=True)  # nbgrader's autograde leaves its files read-only
        shutil.copyfile(timestamp, target / timestamp.name)


def _read_notebook(path: Path) -> Any:
    """A notebook handed in, None where there is none to show: missing, a symbolic link (never followed: it
    could name the key), over the size bound, or not a notebook."""
    import nbformat

    try:
        if path.is_symlink() or not path.is_file() or path.stat().st_size > MAX_FILE_BYTES:
            return None
        return nbformat.read(path, as_version=4)
    except (OSError, ValueError, TypeError, AttributeError, KeyError, RecursionError):
        return None


def _locked_source(gradebook: Any, grade_id: str, notebook: str, assignment: str, handed_in: str) -> str:
    """The test cell as the instructor wrote it (``nbgrader autograde`` restores locked cells too)."""
    from nbgrader.api import MissingEntry

    try:
        return gradebook.find_source_cell(grade_id, notebook, assignment).source
    except MissingEntry:
        return handed_in


def _write_notebook(notebook: Any, path: Path) -> None:
    import nbformat

    path.unlink(missing_ok=True)  # nbgrader's autograde leaves its files read-only
    nbformat.write(notebook, path)


def _feedback_output(exercise: ExerciseResult) -> Any:
    """The feedback as ``check(...)`` shows it in a notebook (an HTML table, and text), as a cell's output."""
    import nbformat

    from autograder.notebooks.check import Feedback

    feedback = Feedback(asdict(exercise))
    return nbformat.v4.new_output("display_data", data={"text/html": feedback._repr_html_(),
                                                        "text/plain": repr(feedback)})
