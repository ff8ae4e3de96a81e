"""What leaves the kit: a release for students, or an nbgrader course for instructors.

``autograder release DIR`` writes what students receive: ``exercises/`` (each module and its notebook),
the ``autograder`` package, ``datasets/``, a README, and a CI workflow for GitHub Classroom-style
repositories that grades every push and shows the score. Nothing else is copied: no ``solutions/``, no
``tests/`` (its fixtures include correct answers), no ``examples/`` (a sample class, correct answers
included).

``autograder release --nbgrader DIR`` writes an nbgrader course: ``source/<module>/<module>.ipynb`` per
exercise module, whose solution cells hold the answer key between nbgrader's ``### BEGIN SOLUTION`` /
``### END SOLUTION`` markers, whose locked test cells (``<exercise id>-test``, nbgrader's ``points`` equal
to the exercise's) show students this autograder's feedback on the public cases
(``check(...).award()``, which also keeps ``nbgrader validate`` meaningful), and ``nbgrader_config.py``
(the exchange in ``DIR/exchange``). The test cells are feedback, not the grade: ``nbgrader autograde``
runs the student's cells unsandboxed in the instructor's kernel and trusts what ``check`` answers there,
and a solution cell can replace ``check``. The course grades with ``autograder grade-all DIR/submitted
--nbgrader DIR`` (sandboxed workers, grade-all's seed), which writes the points into nbgrader's gradebook
(:mod:`autograder.batch.nbgrader_gradebook`); so the course has no seed of its own.
"""

from __future__ import annotations

import ast
import json
import re
import shutil
import textwrap
from collections.abc import Set as AbstractSet
from pathlib import Path
from typing import TYPE_CHECKING, Any

from autograder.core.messages import say
from autograder.core.status import Status
from autograder.notebooks import generate

if TYPE_CHECKING:
    from autograder.core.spec import Exercise

ROOT = generate.ROOT
PACKAGE = Path(__file__).resolve().parents[1]
SOLUTIONS = ROOT / "solutions"
MARKER = ".autograder-release"  # a folder holding it may be replaced by the next release
SCHEMA_VERSION = 3  # nbgrader's cell metadata schema


# -- the student release --------------------------------------------------------------------------------
def student_release(target: Path, gpu_runner: str | None = None, force: bool = False) -> list[Path]:
    """Write the student release into ``target``; returns the files written."""
    _prepare(target, force)
    written: list[Path] = []

    def write(relative: str, text: str) -> None:
        path = target / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        written.append(path)

    for module in generate.exercise_modules():
        write(f"exercises/{module.name}", module.read_text(encoding="utf-8"))
        write(f"exercises/{module.stem}.ipynb", generate.notebook_text(module))
    for path in _package_files():
        write(str(path.relative_to(ROOT)), path.read_text(encoding="utf-8"))
    written += withhold_references(target)
    for path in sorted((ROOT / "datasets").rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts:
            destination = target / path.relative_to(ROOT)
            destination.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(path, destination)
            written.append(destination)
    write("pyproject.toml", (ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    write("README.md", student_readme())
    write(".github/workflows/autograde.yml", workflow(gpu_runner))
    write(".gitignore", ".venv/\n__pycache__/\n*.egg-info/\n.ipynb_checkpoints/\nresult.json\n")
    write(MARKER, "written by `autograder release`; the next release may replace this folder\n")
    return written


def key_fragments() -> set[str]:
    """Every known answer as text to search for (whitespace normalised): the body of each function of the
    key (``solutions/``), of the correct and slow fixtures and of the sample class, and each of their
    statements long enough to be telling."""
    variants = ROOT / "tests" / "variants"
    sources = [*sorted(SOLUTIONS.glob("*.py")), *sorted(variants.glob("*/correct_*.py")),
               *sorted(variants.glob("*/slow_*.py")), *sorted((ROOT / "examples" / "sample_class").rglob("*.py"))]
    fragments = set()
    for path in sources:
        source = path.read_text(encoding="utf-8")
        for node in ast.walk(ast.parse(source)):
            if not isinstance(node, ast.FunctionDef):
                continue
            body = node.body[1:] if ast.get_docstring(node) is not None else node.body
            if not body:
                continue
            lines = source.splitlines()[body[0].lineno - 1:node.end_lineno]
            whole = _normal("\n".join(lines))
            if len(whole) >= 25:
                fragments.add(whole)
            for statement in body:
                text = _normal(ast.get_source_segment(source, statement) or "")
                if len(text) >= 40 and not text.startswith(("raise NotImplementedError", "return")):
                    fragments.add(text)
    return fragments


def _normal(text: str) -> str:
    return " ".join(text.split())


def withhold_references(target: Path) -> list[Path]:
    """Leave out of the released specifications every function whose code holds a piece of the key (a
    hand-written reference and its helpers: their bodies raise :class:`autograder.release.recorded.Withheld`), and
    record instead what the exercises they serve answer on the public seed. Returns the files written."""
    specs = {spec: spec.read_text(encoding="utf-8") for spec in sorted((PACKAGE / "specs").glob("*.py"))}
    withheld = _withhold_key_functions(target, specs, _input_builders(specs), key_fragments())
    return _record_public_answers(target, withheld)


def _input_builders(specs: dict[Path, str]) -> set[str]:
    """The functions that build the exercises' inputs, and every function they reach in any spec module:
    these must keep working in the release, whatever they hold."""
    from autograder.specs import all_exercises

    calls: dict[str, set[str]] = {}
    for source in specs.values():
        for node in ast.parse(source).body:
            if isinstance(node, ast.FunctionDef):
                calls.setdefault(node.name, set()).update(n.id for n in ast.walk(node) if isinstance(n, ast.Name))
    needed = {f.__name__ for ex in all_exercises() for f in (ex.make_inputs, ex.random_case) if f is not None}
    frontier = set(needed)
    while frontier:
        frontier = {name for caller in frontier for name in calls.get(caller, ())} - needed
        needed |= frontier
    return needed


def _withhold_key_functions(target: Path, specs: dict[Path, str], needed: set[str],
                            fragments: set[str]) -> dict[str, set[str]]:
    """Write into ``target`` every spec module that has functions holding a piece of the key (but those
    ``needed``), their bodies withheld; returns the names of the functions withheld, by module."""
    withheld: dict[str, set[str]] = {}
    for spec, source in specs.items():
        tree = ast.parse(source)
        hidden = [node for node in tree.body if isinstance(node, ast.FunctionDef) and node.name not in needed
                  and _holds_a_fragment(source, node, fragments)]
        if hidden:
            withheld[spec.stem] = {node.name for node in hidden}
            (target / spec.relative_to(ROOT)).write_text(_bodies_withheld(source, tree, hidden), encoding="utf-8")
    return withheld


def _holds_a_fragment(source: str, node: ast.FunctionDef, fragments: set[str]) -> bool:
    text = _normal(ast.get_source_segment(source, node) or "")
    return any(fragment in text for fragment in fragments)


def _bodies_withheld(source: str, tree: ast.Module, hidden: list[ast.FunctionDef]) -> str:
    """``source`` with the body of each ``hidden`` function (its docstring kept) replaced by
    ``raise Withheld()``, and ``Withheld`` imported."""
    lines = source.splitlines(keepends=True)
    for node in sorted(hidden, key=lambda n: n.lineno, reverse=True):
        first = node.body[1] if ast.get_docstring(node) is not None and len(node.body) > 1 else node.body[0]
        indent = " " * first.col_offset
        lines[first.lineno - 1:node.end_lineno] = [f"{indent}raise Withheld()\n"]
    first_import = next(n for n in tree.body if isinstance(n, (ast.Import, ast.ImportFrom))
                        and not (isinstance(n, ast.ImportFrom) and n.module == "__future__"))
    lines.insert(first_import.lineno - 1, "from autograder.release.recorded import Withheld\n")
    return "".join(lines)


def _record_public_answers(target: Path, withheld: dict[str, set[str]]) -> list[Path]:
    """Record into ``target`` what each exercise whose reference reaches a withheld function answers on the
    public seed; returns the files written."""
    from autograder.release import recorded
    from autograder.specs import all_exercises

    written = []
    for exercise in all_exercises():
        hidden = withheld.get(exercise.reference.__module__.rsplit(".", 1)[-1], set())
        if exercise.score is not None or not hidden or not _calls_any(exercise.reference, hidden):
            continue
        path = target / recorded.DIRECTORY.relative_to(ROOT) / f"{exercise.id}.safetensors"
        recorded.save(path, _public_answers(exercise))
        written.append(path)
    return written


def _public_answers(exercise: Exercise) -> dict[str, Any]:
    """The reference's answer to each case of the public seed (a :class:`Raised` where it raises), by the
    fingerprint of its inputs."""
    from autograder.core.reference import expected
    from autograder.release import recorded

    answers = {}
    for case in exercise.cases(recorded.PUBLIC_SEED):
        inputs = exercise.inputs(case.params, recorded.PUBLIC_SEED)
        answers[recorded.fingerprint(inputs)] = expected(exercise, inputs, "cpu")[0]
    return answers


def _calls_any(function: Any, names: set[str]) -> bool:
    """``function`` is one of ``names`` or names one of them in its own code."""
    import inspect

    if function.__name__ in names:
        return True
    try:
        tree = ast.parse(textwrap.dedent(inspect.getsource(function)))
    except (OSError, TypeError, SyntaxError):
        return True  # cannot tell: record it, which is always safe
    return any(isinstance(n, ast.Name) and n.id in names for n in ast.walk(tree))


def _package_files() -> list[Path]:
    """The grader package as the kit has it: its modules, nothing generated."""
    return sorted(p for p in PACKAGE.rglob("*.py") if "__pycache__" not in p.parts)


def _prepare(target: Path, force: bool) -> None:
    if target.exists() and any(target.iterdir()):
        if not (force and (target / MARKER).exists()):
            raise FileExistsError(f"{target} is not empty; --force replaces a folder that an earlier "
                                  "`autograder release` wrote, and nothing else")
        shutil.rmtree(target)
    target.mkdir(parents=True, exist_ok=True)


def student_readme() -> str:
    from autograder.specs import all_exercises

    rows = "\n".join(f"| `{ex.id}` | `exercises/{ex.module}.py` | {ex.points:g} | {ex.summary} |"
                     for ex in all_exercises())
    return textwrap.dedent("""\
        # Deep-learning exercises

        Each exercise asks for one function, in `exercises/`. Every module comes twice: as a Python file
        (`exercises/rnn.py`) and as a Jupyter notebook (`exercises/rnn.ipynb`) with the same stubs, the
        explanations with their formulas, a worked example and a check cell per exercise. Work in
        whichever you like.

        ## Setting up

        ```sh
        python3 -m venv .venv
        .venv/bin/pip install torch torchvision   # any of PyTorch 2.4 to 2.14
        .venv/bin/pip install -e .
        ```

        ## Checking your work

        - In a notebook: fill in a function, run its cell, then run the check cell under it,
          `from autograder import check; check("gru_step")`. It grades the function as your notebook
          defines it, in a separate process, and shows a table of the cases that fail: what was expected,
          what your function returned, and the smallest failing case.
        - In a terminal: `.venv/bin/autograder check` grades every module of `exercises/`
          (`--only gru_step` for one exercise); it exits 0 only at full marks.

        Magics (`%time`), cell magics (`%%time`) and shell escapes (`!ls`) are not run when a notebook is
        graded; a cell that raises is reported and the other cells still run. Where `rnn.py` and
        `rnn.ipynb` both hold code, the notebook is graded (the feedback says so): keep your answers in one
        of the two.

        ## Grading on push

        Every push runs `.github/workflows/autograde.yml`: it grades `exercises/` and shows the score in the
        job's log and summary. The random cases are drawn from a seed; your final grade may use another
        one, so make your functions right, not just right on the cases you see.

        ## The exercises

        | exercise | file | points | what it asks |
        |---|---|---|---|
        """) + rows + "\n"


def workflow(gpu_runner: str | None = None) -> str:
    """The student repository's CI: grade on push, on CPU unless the course names a GPU runner label."""
    runner = json.dumps(gpu_runner) if gpu_runner else "ubuntu-latest"
    device = "cuda" if gpu_runner else "cpu"
    # the kit's own bounds, so that `pip install -e .` keeps the build installed here (CPU, or CUDA)
    pins = " ".join(f'"{pin}"' for pin in re.findall(r'"(torch(?:vision)?[<>=!~][^"]*)"',
                                                    (ROOT / "pyproject.toml").read_text(encoding="utf-8")))
    torch_install = f"pip install {pins or 'torch torchvision'}"
    if not gpu_runner:
        torch_install += " --index-url https://download.pytorch.org/whl/cpu"
    return textwrap.dedent(f"""\
        # Written by `autograder release`: grades the exercises on every push and reports the score.
        name: autograde
        on:
          push:
          workflow_dispatch:
        permissions:
          contents: read
        jobs:
          autograde:
            runs-on: {runner}
            timeout-minutes: 30
            steps:
              - uses: actions/checkout@v4
              - uses: actions/setup-python@v5
                with:
                  python-version: "3.11"
              - name: Install the kit
                run: |
                  python -m pip install --upgrade pip
                  {torch_install}
                  pip install -e .
              - name: Grade
                run: autograder grade exercises --device {device} --json result.json --summary "$GITHUB_STEP_SUMMARY"
        """)


def step_summary(result: Any) -> str:
    """The Markdown a CI job shows for one graded submission (``$GITHUB_STEP_SUMMARY``)."""
    lines = [f"## Autograder: {result.score:g} / {result.max_score:g} points", "",
             "| exercise | points | status | feedback |", "|---|---|---|---|"]
    for e in result.exercises:
        first = (e.feedback.splitlines() or [""])[0].replace("|", "\\|")
        lines.append(f"| `{e.id}` | {e.score:g} / {e.max_score:g} | {e.status.replace('_', ' ')} | {first} |")
    details = [e for e in result.exercises if e.status not in (Status.PASSED, Status.MISSING, Status.NOT_IMPLEMENTED)]
    for e in details:
        lines += ["", f"<details><summary><code>{e.id}</code>: {e.status.replace('_', ' ')}</summary>", "",
                  "```text", e.feedback, "```", "</details>"]
    return "\n".join(lines) + "\n"


# -- the nbgrader course --------------------------------------------------------------------------------
def nbgrader_course(target: Path, only: list[str] | None = None, force: bool = False) -> list[Path]:
    """Write an nbgrader course into ``target``: ``source/<module>/<module>.ipynb`` and its config."""
    import nbformat

    from autograder.specs import all_exercises

    known = {ex.id for ex in all_exercises()}
    if only and set(only) - known:
        raise KeyError(f"unknown exercise(s): {', '.join(sorted(set(only) - known))}")
    _prepare(target, force)
    written = []
    for module in generate.exercise_modules():
        notebook = nbgrader_notebook(module, only)
        if notebook is None:
            continue
        path = target / "source" / module.stem / f"{module.stem}.ipynb"
        path.parent.mkdir(parents=True, exist_ok=True)
        nbformat.write(notebook, path)
        written.append(path)
    config = target / "nbgrader_config.py"
    config.write_text(nbgrader_config(), encoding="utf-8")
    (target / MARKER).write_text("written by `autograder release --nbgrader`\n", encoding="utf-8")
    return [*written, config]


def nbgrader_config() -> str:
    return textwrap.dedent("""\
        # Written by `autograder release --nbgrader`.
        c = get_config()  # noqa: F821 (nbgrader provides it)
        c.CourseDirectory.course_id = "dl-autograder"
        # a test cell (nbgrader validate) starts a grader process (PyTorch's import, a worker): give it minutes
        c.Execute.timeout = 600
        c.ClearSolutions.code_stub = {"python": "# YOUR CODE HERE\\nraise NotImplementedError()"}
        # nbgrader's exchange (release_assignment, fetch_assignment, submit, collect) inside this folder, so
        # that it works without root; on a shared JupyterHub, name the exchange every student can reach
        # (nbgrader's default is /srv/nbgrader/exchange), in the students' nbgrader config too
        import os
        c.Exchange.root = os.path.join(os.path.dirname(os.path.abspath(__file__)), "exchange")
        """)


def nbgrader_notebook(module: Path, only: list[str] | None = None) -> Any:
    """The source notebook of one module: the exercise notebook, its stubs made solution cells (the key
    between nbgrader's markers) and its check cells made nbgrader's locked grade cells, which show the
    feedback on the public cases; the points come from ``grade-all --nbgrader``."""
    from autograder.specs import all_exercises

    specs = {ex.function: ex for ex in all_exercises() if ex.module == module.stem}
    key = SOLUTIONS / module.name
    if not key.exists():
        return None
    solution_source = key.read_text(encoding="utf-8")
    module_imports = {ast.unparse(n) for n in ast.parse(module.read_text(encoding="utf-8")).body
                      if isinstance(n, (ast.Import, ast.ImportFrom))}
    notebook = generate.exercise_notebook(module)
    kept = []
    chosen = {ex.function for ex in specs.values() if not only or ex.id in only}
    if not chosen:
        return None
    for cell in notebook.cells:
        function, _, role = cell.get("id", "").rpartition("-")
        if function in specs and function not in chosen:
            continue  # an exercise left out of this course
        exercise = specs.get(function)
        if exercise is not None and role == "stub":
            cell.source = solution_cell(cell.source, function, solution_source, module_imports)
            cell.metadata["nbgrader"] = {"grade": False, "solution": True, "locked": False,
                                         "grade_id": f"{exercise.id}-solution", "schema_version": SCHEMA_VERSION}
        elif exercise is not None and role == "check":
            cell.source = test_cell(exercise.id)
            cell.metadata["nbgrader"] = {"grade": True, "solution": False, "locked": True,
                                         "points": exercise.points, "grade_id": f"{exercise.id}-test",
                                         "schema_version": SCHEMA_VERSION}
        kept.append(cell)
    notebook.cells = kept
    return notebook


def test_cell(exercise_id: str) -> str:
    """The locked test cell: the feedback on the public cases, and its points for ``nbgrader validate``."""
    return f'# {say("nbgrader_test_cell")}\nfrom autograder import check\ncheck("{exercise_id}").award()'


def solution_cell(stub: str, function: str, solution_source: str,
                  module_imports: AbstractSet[str] = frozenset()) -> str:
    """The stub cell with its ``raise NotImplementedError`` replaced by the key's body between nbgrader's
    markers. What the body needs from the key's module (its imports, its helper functions) comes along
    inside the region, so that nothing of the answer shows outside it."""
    tree = ast.parse(stub)
    (node,) = [n for n in tree.body if isinstance(n, ast.FunctionDef) and n.name == function]
    raise_statement = node.body[-1]
    lines = stub.splitlines()
    indent = " " * raise_statement.col_offset
    region = [f"{indent}### BEGIN SOLUTION"]
    region += [textwrap.indent(block, indent) for block in solution_parts(function, solution_source, module_imports)]
    region.append(f"{indent}### END SOLUTION")
    return "\n".join(lines[:raise_statement.lineno - 1] + region + lines[raise_statement.end_lineno:])


def solution_parts(function: str, source: str, module_imports: AbstractSet[str] = frozenset()) -> list[str]:
    """The key's imports (but those the stub's module has), the helpers ``function`` uses (transitively),
    and its body, dedented."""
    tree = ast.parse(source)
    lines = source.splitlines()
    exercises = {n.name for n in tree.body if isinstance(n, ast.FunctionDef) and not n.name.startswith("_")}
    defined = {}
    for node in tree.body:
        for name in _bound_names(node):
            defined[name] = node
    target = defined.get(function)
    if not isinstance(target, ast.FunctionDef):
        raise KeyError(f"{function}() is not in the answer key")
    needed: list[ast.stmt] = []
    queue: list[ast.stmt] = [target]
    while queue:
        current = queue.pop()
        for name in sorted({n.id for n in ast.walk(current) if isinstance(n, ast.Name)}):
            helper = defined.get(name)
            if helper is not None and helper is not target and helper not in needed and not (
                    isinstance(helper, (ast.Import, ast.ImportFrom)) or name in exercises):
                needed.append(helper)
                queue.append(helper)
    imports = [n for n in tree.body if (isinstance(n, ast.Import) or isinstance(n, ast.ImportFrom)
                                        and n.module != "__future__") and ast.unparse(n) not in module_imports]
    body = target.body[1:] if ast.get_docstring(target) is not None else target.body

    def text(first: int, last: int | None) -> str:  # last: an end_lineno, which ast's stubs make int | None
        return textwrap.dedent("\n".join(lines[first - 1:last]))

    parts = [text(n.lineno, n.end_lineno) for n in imports]
    parts += [text(min([n.lineno] + [d.lineno for d in getattr(n, "decorator_list", [])]), n.end_lineno)
              for n in sorted(needed, key=lambda n: n.lineno)]
    parts.append(text(body[0].lineno, target.end_lineno))
    return parts


def _bound_names(node: ast.stmt) -> list[str]:
    if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
        return [node.name]
    if isinstance(node, (ast.Import, ast.ImportFrom)):
        return [(a.asname or a.name).split(".")[0] for a in node.names]
    if isinstance(node, (ast.Assign, ast.AnnAssign, ast.AugAssign)):
        targets = node.targets if isinstance(node, ast.Assign) else [node.target]
        return [n.id for t in targets for n in ast.walk(t) if isinstance(n, ast.Name)]
    return []
