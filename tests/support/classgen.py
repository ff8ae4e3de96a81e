"""A generated class for the bulk-grading tests and benchmark, built from the graded fixtures.

Each student hands in ``cnn.py`` (graded on ``conv_output_size``) and ``diffusion.py`` (graded on
``linear_beta_schedule``), two cheap exercises, so that a class of fifty grades in seconds. Every answer
is a fixture of ``tests/variants/`` (correct, wrong, forbidden), a stub of ``exercises/``, a module taken
from ``examples/sample_class/``, or one of the broken and hostile modules below; each carries what it must
get: its statuses and whether it earns full marks, nothing, or something in between. Students come as
folders, nested folders, zip archives, and one as Jupyter notebooks; a few entries cannot be graded at all
(empty, not a zip, duplicate id, path traversal, two different ``cnn.py``).
"""

from __future__ import annotations

import math
import zipfile
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
VARIANTS = ROOT / "tests" / "variants"
SAMPLE_CLASS = ROOT / "examples" / "sample_class"
EXERCISES = ("conv_output_size", "linear_beta_schedule")
MODULE = {"conv_output_size": "cnn", "linear_beta_schedule": "diffusion"}
POINTS = {"conv_output_size": 5.0, "linear_beta_schedule": 3.0}
# a looping call costs its time limit: keep it short (the class's options pass it to every grader)
TIME_LIMITS = (("conv_output_size", 2.0), ("linear_beta_schedule", 2.0))

FULL, ZERO, BELOW = "full", "zero", "below"  # what an answer scores: all points, none, fewer than all


@dataclass(frozen=True)
class Answer:
    name: str
    source: str | None  # the module's text; None: the module is not handed in
    statuses: tuple[str, ...]
    score: str
    costly: bool = False  # takes a time limit to grade: one student only


@dataclass
class Student:
    id: str
    answers: dict[str, Answer]  # exercise id -> answer
    layout: str = "folder"  # folder, nested, zip
    non_utf8: bool = False
    notebooks: bool = False  # the modules handed in as Jupyter notebooks (one code cell per function)


HOSTILE_CNN = {
    "syntax_error": ("def conv_output_size(input_size, kernel_size:\n    return 1\n", ("error",), ZERO),
    "imports_a_missing_module": ("import numpyy\n\ndef conv_output_size(*args):\n    return 1\n", ("error",), ZERO),
    "exits_at_import": ("import sys\nsys.exit(3)\n", ("error",), ZERO),
    "exits_the_worker_in_a_call": ("import os\n\ndef conv_output_size(*args, **kwargs):\n    os._exit(0)\n",
                                   ("error",), ZERO),
    # a terminal escape and a NUL in the message: the exports must still be valid CSV, JSON and XML
    "raises_control_characters": ("def conv_output_size(*args, **kwargs):\n"
                                  '    raise ValueError("\\x1b[31m\\x00 <b>|x|")\n', ("error",), BELOW),
    "prints_a_flood": ('print("x" * 100000)\n\ndef conv_output_size(input_size, kernel_size, stride=1, padding=0, '
                       "dilation=1):\n    print('y' * 100000)\n"
                       "    return (input_size + 2 * padding - dilation * (kernel_size - 1) - 1) // stride + 1\n",
                       ("failed",), BELOW),
}
LOOPS_FOREVER = ("def conv_output_size(input_size, kernel_size, stride=1, padding=0, dilation=1):\n"
                 "    if input_size == 28:  # the second edge case\n        while True:\n            pass\n"
                 "    return (input_size + 2 * padding - dilation * (kernel_size - 1) - 1) // stride + 1\n")
HOSTILE_DIFFUSION = {
    "syntax_error": ("def linear_beta_schedule(timesteps:\n    pass\n", ("error",), ZERO),
    "kills_its_own_process_group": ("import os, signal\n\ndef linear_beta_schedule(*args, **kwargs):\n"
                                    "    os.killpg(0, signal.SIGKILL)\n", ("error",), ZERO),
}


def _fixtures(exercise: str) -> list[Answer]:
    answers = []
    for path in sorted((VARIANTS / exercise).glob("*.py")):
        kind = path.stem.split("_", 1)[0]
        if kind == "correct":
            answers.append(Answer(path.stem, path.read_text(encoding="utf-8"), ("passed",), FULL))
        elif kind == "wrong":
            answers.append(Answer(path.stem, path.read_text(encoding="utf-8"), ("failed", "error"), BELOW))
        elif kind == "forbidden":
            answers.append(Answer(path.stem, path.read_text(encoding="utf-8"), ("forbidden",), ZERO))
    return answers


def answers() -> dict[str, list[Answer]]:
    """Every answer to each exercise; the costly ones last."""
    cnn = _fixtures("conv_output_size")
    cnn.append(Answer("stub", (ROOT / "exercises" / "cnn.py").read_text(encoding="utf-8"), ("not_implemented",), ZERO))
    cnn.append(Answer("missing", None, ("missing",), ZERO))
    cnn += [Answer(name, source, statuses, score) for name, (source, statuses, score) in HOSTILE_CNN.items()]
    for student in ("ada", "katherine"):  # the sample class's answers, as handed in there
        source = (SAMPLE_CLASS / student / "cnn.py").read_text(encoding="utf-8")
        statuses, score = (("passed",), FULL) if student == "ada" else (("failed",), BELOW)
        cnn.append(Answer(f"sample_{student}", source, statuses, score))
    cnn.append(Answer("loops_forever", LOOPS_FOREVER, ("timeout",), BELOW, costly=True))
    diffusion = _fixtures("linear_beta_schedule")
    diffusion.append(Answer("stub", (ROOT / "exercises" / "diffusion.py").read_text(encoding="utf-8"),
                            ("not_implemented",), ZERO))
    diffusion.append(Answer("missing", None, ("missing",), ZERO))
    diffusion += [Answer(name, source, statuses, score)
                  for name, (source, statuses, score) in HOSTILE_DIFFUSION.items()]
    for student in ("john", "katherine"):
        source = (SAMPLE_CLASS / student / "diffusion.py").read_text(encoding="utf-8")
        statuses, score = (("failed",), BELOW) if student == "john" else (("passed",), FULL)
        diffusion.append(Answer(f"sample_{student}", source, statuses, score))
    return {"conv_output_size": cnn, "linear_beta_schedule": diffusion}


def students(size: int = 24, costly: bool = True) -> list[Student]:
    """``size`` students (at least as many as there are cheap answers): every answer is handed in by at
    least one of them, paired with varied answers to the other exercise."""
    pool = answers()
    cnn = [a for a in pool["conv_output_size"] if not a.costly]
    diffusion = [a for a in pool["linear_beta_schedule"] if not a.costly]
    if size < max(len(cnn), len(diffusion)):
        raise ValueError(f"a class of {size} cannot hold every answer")
    layouts = ("folder", "folder", "nested", "zip")
    # a stride prime to the number of answers, so that every answer comes round within that many students
    stride = next(k for k in (7, 11, 13, 17, 19, 23, 29) if math.gcd(k, len(diffusion)) == 1)
    class_ = [Student(f"s{i:03d}", {"conv_output_size": cnn[i % len(cnn)],
                                   "linear_beta_schedule": diffusion[(i * stride + 2) % len(diffusion)]},
                      layouts[i % len(layouts)]) for i in range(size)]
    if costly:
        class_.append(Student("s999_loops", {"conv_output_size": pool["conv_output_size"][-1],
                                             "linear_beta_schedule": diffusion[0]}))
    # notebooks instead of modules: a correct and a wrong answer
    wrong = next(a for a in diffusion if a.name.startswith("wrong_"))
    class_.append(Student("s997_notebooks", {"conv_output_size": cnn[0], "linear_beta_schedule": wrong},
                          notebooks=True))
    # a cnn.py that is not UTF-8: its exercise is unreadable, the rest of the submission is graded
    latin = Answer("not_utf8", None, ("error",), ZERO)
    class_.append(Student("s998_latin1", {"conv_output_size": latin, "linear_beta_schedule": diffusion[0]},
                          non_utf8=True))
    return class_


# entries that cannot be graded, with the status each must get
PROBLEMS = {"p_empty": "empty", "p_not_a_zip": "unreadable", "p_twice": "duplicate", "p_traversal": "rejected",
            "p_conflict": "conflict"}


def write(root: Path, class_: list[Student], problems: bool = True) -> Path:
    """Write the class (and the entries that cannot be graded) into ``root``."""
    root.mkdir(parents=True, exist_ok=True)
    for student in class_:
        files = {}
        for exercise, answer in student.answers.items():
            if answer.source is not None and student.notebooks:
                files[f"{MODULE[exercise]}.ipynb"] = _notebook(answer.source)
            elif answer.source is not None:
                files[f"{MODULE[exercise]}.py"] = answer.source.encode("utf-8")
        if student.non_utf8:
            files["cnn.py"] = b"# caf\xe9\ndef conv_output_size(*args):\n    return 1\n"
        if student.layout == "zip":
            with zipfile.ZipFile(root / f"{student.id}.zip", "w", zipfile.ZIP_DEFLATED) as archive:
                for name, data in files.items():
                    archive.writestr(f"{student.id}/{name}", data)  # wrapped in a folder, as LMS exports are
            continue
        folder = root / student.id / ("homework" if student.layout == "nested" else "")
        folder.mkdir(parents=True, exist_ok=True)
        for name, data in files.items():
            (folder / name).write_bytes(data)
        if not files:
            (folder / "README.txt").write_text("nothing gradable here")
    if problems:
        (root / "p_empty").mkdir()
        (root / "p_empty" / "notes.txt").write_text("I will hand it in tomorrow")
        (root / "p_not_a_zip.zip").write_bytes(b"this is not a zip archive")
        (root / "p_twice").mkdir()
        (root / "p_twice" / "cnn.py").write_text("def conv_output_size(*a):\n    return 1\n")
        with zipfile.ZipFile(root / "p_twice.zip", "w") as archive:
            archive.writestr("cnn.py", "def conv_output_size(*a):\n    return 2\n")
        with zipfile.ZipFile(root / "p_traversal.zip", "w") as archive:
            archive.writestr("cnn.py", "def conv_output_size(*a):\n    return 1\n")
            archive.writestr("../../outside.py", "print('escaped')\n")
        for sub, value in (("a", 1), ("b", 2)):
            (root / "p_conflict" / sub).mkdir(parents=True)
            (root / "p_conflict" / sub / "cnn.py").write_text(f"def conv_output_size(*a):\n    return {value}\n")
    return root


def _notebook(source: str) -> bytes:
    """The module as a notebook: a Markdown cell, then one code cell per top-level block."""
    import nbformat

    blocks = [block for block in source.split("\n\n\n") if block.strip()]
    notebook = nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell("# My answers"),
                                               *(nbformat.v4.new_code_cell(block) for block in blocks)])
    return nbformat.writes(notebook).encode("utf-8")


def expected_total(student: Student) -> float | None:
    """The total when every answer's score is known exactly (full or zero); None otherwise."""
    total = 0.0
    for exercise, answer in student.answers.items():
        if answer.score == BELOW:
            return None
        total += POINTS[exercise] if answer.score == FULL else 0.0
    return total
