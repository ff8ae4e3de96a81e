"""A whole class at the speed of the hardware: ``grade-all`` against ``nbgrader autograde``, against the same
code handed in as ``.py`` modules, and against a fresh ``autograder grade`` per submission, in one run.

The class: ``--students`` students (20 by default) each hand in one nbgrader assignment, ``hw``, of three
notebooks, ``rnn.ipynb`` (``gru_step``), ``cnn.ipynb`` (``conv_output_size``) and ``nlp.ipynb``
(``tfidf``), as an nbgrader course has them: the module's imports, a solution cell holding the answer (the
solutions' code; every fifth student gets one of the three wrong) and a grade cell of instructor-written
``assert`` tests (points for nbgrader; ``check`` appears nowhere). The course is made by hand as nbgrader
expects it (``source/hw/*.ipynb`` with nbgrader's cell metadata, ``nbgrader generate_assignment hw``), and
each student's notebooks go to ``submitted/<student>/hw/``. The same students' code is also written as
``.py`` modules, each module the student's own code cells in order (the instructor's test cell stays in the
notebook), and a class of ``--py-students`` (24 by default: the same students and a few more) as modules.

Measured, side by side, alternating where a figure is repeated (A B A B):

a. ``nbgrader autograde hw`` over the notebooks against ``autograder grade-all`` over the same course
   folder, without and with timing verdicts;
b. ``grade-all`` over the notebooks against ``grade-all`` over the same code as ``.py``: the cost of a
   notebook, from the gradebook's per-submission seconds (the grading process's own time for one
   submission) and from the whole wall time;
c. ``grade-all`` over the ``.py`` class against a fresh ``autograder grade`` per submission (measured on
   ``--naive`` of them, half before and half after, the median taken as every submission's cost), both
   without timing verdicts: the ratio of throughputs.

Every command is a fresh process (its interpreter, its PyTorch import, its workers' start included), on the
CPU, on the public seed; ``grade-all`` with its default number of grading processes. The table ends with
each ratio against the issue's target (20x, 10x, 1.2x) and the load average during the run.

Run: ``.venv/bin/python benchmarks/class_speed.py [--students 20] [--py-students 24] [--naive 6] [--rounds 2]``.
"""

from __future__ import annotations

import argparse
import ast
import os
import shutil
import sqlite3
import statistics
import sys
import tempfile
import threading
from pathlib import Path

from notebook_speed import jupyter_env, run  # noqa: E402 - one timed command, as notebook_speed.py runs it (benchmarks/ is sys.path[0])

ROOT = Path(__file__).resolve().parents[1]
EXERCISES = {"rnn": "gru_step", "cnn": "conv_output_size", "nlp": "tfidf"}
OPTIONS = ["--seed", "0", "--device", "cpu", "--only", *EXERCISES.values()]

# the instructor's tests, as an nbgrader course would have them: plain asserts, no autograder
TESTS = {
    "gru_step": '''\
torch.manual_seed(0)
cell = torch.nn.GRUCell(3, 4)
x, h = torch.randn(2, 3), torch.randn(2, 4)
with torch.no_grad():
    expected = cell(x, h)
    got = gru_step(x, h, cell.weight_ih, cell.weight_hh, cell.bias_ih, cell.bias_hh)
    assert got.shape == (2, 4), got.shape
    assert torch.allclose(got, expected, atol=1e-6)
    assert torch.allclose(gru_step(x[0], h[0], cell.weight_ih, cell.weight_hh, cell.bias_ih, cell.bias_hh),
                          expected[0], atol=1e-6)
    bare = torch.nn.GRUCell(3, 4, bias=False)
    assert torch.allclose(gru_step(x, h, bare.weight_ih, bare.weight_hh), bare(x, h), atol=1e-6)
''',
    "conv_output_size": '''\
assert conv_output_size(28, 5) == 24
assert conv_output_size(28, 3, padding=1) == 28
assert conv_output_size(32, 3, stride=2, padding=1) == 16
assert conv_output_size(10, 3, dilation=2) == 6
assert conv_output_size(7, 7) == 1
try:
    conv_output_size(2, 5)
except ValueError:
    pass
else:
    raise AssertionError("a kernel larger than the input must raise ValueError")
''',
    "tfidf": '''\
matrix, vocabulary = tfidf([["a", "b", "a"], ["b", "c"]])
assert vocabulary == ["a", "b", "c"], vocabulary
assert tuple(matrix.shape) == (2, 3)
assert abs(matrix[0, 0].item() - 2 / 3 * math.log(2)) < 1e-9
assert matrix[0, 1].item() == 0.0 and matrix[1, 1].item() == 0.0
assert abs(matrix[1, 2].item() - 0.5 * math.log(2)) < 1e-9
''',
}
# a wrong answer for each exercise: every fifth student gets one of them
WRONG = {
    "gru_step": ("n = torch.tanh(x_n + r * h_n)", "n = torch.tanh(x_n + h_n)"),
    "conv_output_size": ("// stride + 1", "// stride"),
    "tfidf": ("math.log(n_docs / df[word])", "math.log(n_docs / (1 + df[word]))"),
}


# -- the class ----------------------------------------------------------------------------------------
def answer(module: str) -> tuple[str, str]:
    """The solution module's imports and its exercise's function, as a student's two cells."""
    source = (ROOT / "solutions" / f"{module}.py").read_text(encoding="utf-8")
    tree = ast.parse(source)
    imports = [ast.get_source_segment(source, node) for node in tree.body
               if isinstance(node, (ast.Import, ast.ImportFrom))]
    (function,) = [ast.get_source_segment(source, node) for node in tree.body
                   if isinstance(node, ast.FunctionDef) and node.name == EXERCISES[module]]
    return "\n".join(filter(None, imports)), function or ""


def student_cells(module: str, wrong: bool) -> tuple[str, str]:
    imports, function = answer(module)
    if wrong:
        old, new = WRONG[EXERCISES[module]]
        assert old in function, (module, old)
        function = function.replace(old, new)
    return imports, function


def notebook(module: str, imports: str, function: str, solution_markers: bool) -> object:
    """The assignment's notebook: a title, the imports, the solution cell and the instructor's grade cell."""
    import nbformat

    exercise = EXERCISES[module]
    if solution_markers:  # the source version: nbgrader replaces what lies between the markers
        lines = function.splitlines()
        function = "\n".join([lines[0], "    ### BEGIN SOLUTION", *lines[1:], "    ### END SOLUTION"])
    cells = [nbformat.v4.new_markdown_cell(f"# {module}: `{exercise}`\n\nWrite `{exercise}` below."),
             nbformat.v4.new_code_cell(imports),
             nbformat.v4.new_code_cell(function), nbformat.v4.new_code_cell(TESTS[exercise])]
    cells[1].metadata["nbgrader"] = _nbgrader_meta(f"{exercise}-imports", locked=True)
    cells[2].metadata["nbgrader"] = _nbgrader_meta(f"{exercise}-solution", solution=True)
    cells[3].metadata["nbgrader"] = _nbgrader_meta(f"{exercise}-test", grade=True, locked=True, points=5)
    return nbformat.v4.new_notebook(cells=cells, metadata={"kernelspec": {
        "name": "python3", "display_name": "Python 3", "language": "python"}})


def _nbgrader_meta(grade_id: str, solution: bool = False, grade: bool = False, locked: bool = False,
                   points: float = 0) -> dict:
    meta = {"grade_id": grade_id, "solution": solution, "grade": grade, "locked": locked, "schema_version": 3}
    if grade:
        meta["points"] = points
    return meta


def is_wrong(index: int) -> str | None:
    """The exercise student ``index`` gets wrong, if any (every fifth student, in turn)."""
    return list(EXERCISES.values())[(index // 5) % 3] if index % 5 == 4 else None


def make_class(work: Path, students: int, py_students: int, env: dict) -> tuple[Path, Path, Path]:
    """The nbgrader course (notebooks handed in), the same students as ``.py`` modules, and the larger
    ``.py`` class; returns their folders."""
    import nbformat

    course, modules, bigger = work / "course", work / "modules", work / "modules-bigger"
    (course / "source" / "hw").mkdir(parents=True)
    (course / "nbgrader_config.py").write_text(
        'c = get_config()\nc.CourseDirectory.course_id = "class-speed"\n'
        'c.Exchange.root = "exchange"\nc.ExecutePreprocessor.timeout = 600\n')
    for module in EXERCISES:
        imports, function = student_cells(module, wrong=False)
        nbformat.write(notebook(module, imports, function, True), course / "source" / "hw" / f"{module}.ipynb")
    run([sys.executable, "-m", "nbgrader", "generate_assignment", "hw"], course, env)
    for index in range(py_students):
        student = f"s{index:03d}"
        for module, exercise in EXERCISES.items():
            imports, function = student_cells(module, wrong=is_wrong(index) == exercise)
            nb = notebook(module, imports, function, False)
            # the student's own cells: the instructor's test cell calls the GRU cell gru_step forbids, which a
            # module's top-level code may not (SECURITY.md); in the notebook it is refused in its cell alone
            code = "\n\n\n".join(cell.source for cell in nb.cells if cell.cell_type == "code"
                                  and not cell.metadata.get("nbgrader", {}).get("grade")) + "\n"
            for folder in ([modules, bigger] if index < students else [bigger]):
                (folder / student).mkdir(parents=True, exist_ok=True)
                (folder / student / f"{module}.py").write_text(code)
            if index < students:
                handed_in = course / "submitted" / student / "hw"
                handed_in.mkdir(parents=True, exist_ok=True)
                nbformat.write(nb, handed_in / f"{module}.ipynb")
                (handed_in / "timestamp.txt").write_text("2026-11-30 12:00:00.000000 UTC")
    return course, modules, bigger


# -- the measurements ---------------------------------------------------------------------------------
def grade_all(submissions: Path, out: Path, env: dict, timing: bool) -> dict:
    shutil.rmtree(out, ignore_errors=True)
    wall = run([sys.executable, "-m", "autograder.cli", "grade-all", str(submissions), "--out", str(out),
                *OPTIONS, *([] if timing else ["--no-timing"])], ROOT, env)
    db = sqlite3.connect(out / "gradebook.db")
    rows = db.execute("SELECT student_id, seconds, score, max_score FROM submissions WHERE status = 'graded'"
                      ).fetchall()
    db.close()
    return dict(wall=wall, n=len(rows), per=statistics.median(row[1] for row in rows),
                scores={row[0]: (row[2], row[3]) for row in rows})


def nbgrader_autograde(course: Path, env: dict) -> dict:
    shutil.rmtree(course / "autograded", ignore_errors=True)
    wall = run([sys.executable, "-m", "nbgrader", "autograde", "hw", "--force"], course, env)
    from nbgrader.api import Gradebook

    with Gradebook(f"sqlite:///{course / 'gradebook.db'}") as gradebook:
        scores = {s.student.id: (s.score, s.max_score) for s in gradebook.assignment_submissions("hw")}
    return dict(wall=wall, n=len(scores), scores=scores)


def naive(students: list[Path], scratch: Path, env: dict) -> list[float]:
    walls = []
    for folder in students:
        walls.append(run([sys.executable, "-m", "autograder.cli", "grade", str(folder), "--json",
                          str(scratch / f"{folder.name}.json"), *OPTIONS, "--no-timing"], ROOT, env))
    return walls


class Load:
    """The 1-minute load average, sampled every 5 s while the benchmark runs."""

    def __init__(self) -> None:
        self.samples: list[float] = []
        self.stopped = threading.Event()
        threading.Thread(target=self._sample, daemon=True).start()

    def _sample(self) -> None:
        while not self.stopped.wait(5.0):
            self.samples.append(os.getloadavg()[0])

    def __str__(self) -> str:
        s = self.samples or [os.getloadavg()[0]]
        return f"{min(s):.1f} to {max(s):.1f} (median {statistics.median(s):.1f})"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--students", type=int, default=20, help="students handing in notebooks (default 20)")
    parser.add_argument("--py-students", type=int, default=24, help="the .py class against `grade` (default 24)")
    parser.add_argument("--naive", type=int, default=6, help="fresh `grade` commands measured (default 6)")
    parser.add_argument("--rounds", type=int, default=2,
                        help="rounds of grade-all notebooks / .py without timing (default 2)")
    parser.add_argument("--keep", type=Path, help="make the class here and keep it (default: a temporary folder)")
    args = parser.parse_args()
    args.py_students = max(args.py_students, args.students)

    work = args.keep or Path(tempfile.mkdtemp(prefix="class-speed-"))
    work.mkdir(parents=True, exist_ok=True)
    try:
        env = jupyter_env(work)
        course, modules, bigger = make_class(work, args.students, args.py_students, env)
        load = Load()
        print(f"{args.students} students x 3 notebooks; {os.cpu_count()} cores, load {os.getloadavg()[0]:.1f}",
              flush=True)

        naive_walls: list[float] = []
        naive_folders = sorted(bigger.iterdir())[: args.naive]
        half = len(naive_folders) // 2
        naive_walls += naive(naive_folders[:half], work, env)
        print(f"naive grade: {[f'{w:.1f}' for w in naive_walls]}", flush=True)
        nb_fast, py_fast = [], []
        for i in range(args.rounds):
            pair = [("nb", course), ("py", modules)] if i % 2 == 0 else [("py", modules), ("nb", course)]
            for way, folder in pair:
                found = grade_all(folder, work / f"out-{way}-{i}", env, timing=False)
                (nb_fast if way == "nb" else py_fast).append(found)
                print(f"grade-all {way} --no-timing: {found['wall']:.1f} s, {found['per']:.2f} s per submission",
                      flush=True)
        theirs = nbgrader_autograde(course, env)
        print(f"nbgrader autograde: {theirs['wall']:.1f} s", flush=True)
        nb_timed = grade_all(course, work / "out-nb-timed", env, timing=True)
        print(f"grade-all nb timed: {nb_timed['wall']:.1f} s, {nb_timed['per']:.2f} s", flush=True)
        py_timed = grade_all(modules, work / "out-py-timed", env, timing=True)
        print(f"grade-all py timed: {py_timed['wall']:.1f} s, {py_timed['per']:.2f} s", flush=True)
        bulk = grade_all(bigger, work / "out-bigger", env, timing=False)
        print(f"grade-all {args.py_students} .py --no-timing: {bulk['wall']:.1f} s", flush=True)
        naive_walls += naive(naive_folders[half:], work, env)
        print(f"naive grade: {[f'{w:.1f}' for w in naive_walls]}", flush=True)
        load.stopped.set()
    finally:
        if args.keep is None:
            shutil.rmtree(work, ignore_errors=True)

    report(args, theirs, nb_fast, py_fast, nb_timed, py_timed, bulk, naive_walls, load)
    return check_scores(theirs, nb_fast[0], py_fast[0], nb_timed)


def report(args: argparse.Namespace, theirs: dict, nb_fast: list[dict], py_fast: list[dict], nb_timed: dict,
           py_timed: dict, bulk: dict, naive_walls: list[float], load: Load) -> None:
    n = args.students
    nb_wall, py_wall = statistics.median(r["wall"] for r in nb_fast), statistics.median(r["wall"] for r in py_fast)
    nb_per = statistics.median(r["per"] for r in nb_fast)
    py_per = statistics.median(r["per"] for r in py_fast)
    naive_each = statistics.median(naive_walls)
    rows = [
        (f"nbgrader autograde, {n} students x 3 notebooks (asserts)", theirs["wall"], n, None),
        (f"grade-all, the {n} notebooks, --no-timing (median of {len(nb_fast)})", nb_wall, n, nb_per),
        (f"grade-all, the {n} notebooks, timing verdicts", nb_timed["wall"], n, nb_timed["per"]),
        (f"grade-all, the same {n} as .py, --no-timing (median of {len(py_fast)})", py_wall, n, py_per),
        (f"grade-all, the same {n} as .py, timing verdicts", py_timed["wall"], n, py_timed["per"]),
        (f"grade-all, {args.py_students} .py, --no-timing", bulk["wall"], args.py_students, None),
        (f"a fresh `grade` per .py submission, --no-timing (median of {len(naive_walls)})", naive_each, 1, None),
    ]
    print(f"\n{'':72} {'wall s':>8} {'s/submission':>13} {'in-process s':>13}")
    for label, wall, count, per in rows:
        print(f"{label:72} {wall:8.1f} {wall / count:13.2f} {'-' if per is None else f'{per:.3f}':>13}")
    figures = [
        ("grade-all vs a fresh `grade` per submission (throughput)",
         naive_each / (bulk["wall"] / args.py_students), 20.0, "x", True),
        ("grade-all vs nbgrader autograde, no timing verdicts", theirs["wall"] / nb_wall, 10.0, "x", True),
        ("grade-all vs nbgrader autograde, with timing verdicts", theirs["wall"] / nb_timed["wall"], 10.0, "x",
         True),
        ("a notebook / the same .py, per submission in the grading process", nb_per / py_per, 1.2, "x", False),
        ("a notebook / the same .py, whole grade-all wall time", nb_wall / py_wall, 1.2, "x", False),
        ("a notebook / the same .py, with timing verdicts, per submission", nb_timed["per"] / py_timed["per"], 1.2,
         "x", False),
    ]
    print(f"\n{'ratio':70} {'measured':>9} {'target':>8}")
    for label, value, target, unit, at_least in figures:
        ok = value >= target if at_least else value <= target
        print(f"{label:70} {value:8.2f}{unit} {('>= ' if at_least else '<= ') + f'{target:g}{unit}':>8}  "
              f"{'met' if ok else 'NOT met'}")
    print(f"\nload average (1 min) during the run: {load}, on {os.cpu_count()} cores")


def check_scores(theirs: dict, nb: dict, py: dict, nb_timed: dict) -> int:
    """Both ways must find the same students wrong; the notebooks and the modules must score alike."""
    full_theirs = {s for s, (score, top) in theirs["scores"].items() if score == top}
    full_ours = {s for s, (score, top) in nb["scores"].items() if score == top}
    problems = []
    if full_theirs != full_ours:
        problems.append(f"full marks differ: nbgrader {sorted(full_theirs)}, grade-all {sorted(full_ours)}")
    # the .py modules hold the same answers without the instructor's test cell
    if {s for s, (score, top) in py["scores"].items() if score == top} != full_ours:
        problems.append("the notebooks and the same code as .py gave full marks to different students")
    if {s for s, (score, top) in nb_timed["scores"].items() if score == top} != full_ours:
        problems.append("timing verdicts changed who has full marks")
    for problem in problems:
        print(f"warning: {problem}")
    print(f"{len(full_ours)} of {len(nb['scores'])} students with full marks both ways" if not problems else "")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
