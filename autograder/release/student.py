"""What leaves the kit: a release for students, or an nbgrader course for instructors.

``autograder release DIR`` writes what students receive: ``exercises/`` (each module and its notebook),
the ``autograder`` package, ``datasets/``, a README in English (``README.md``) and in French (``LISEZMOI.md``),
and a CI workflow for GitHub Classroom-style repositories that grades every push and shows the score. Nothing
else is copied: no ``solutions/``, no ``tests/`` (its fixtures include correct answers), no ``examples/`` (a
sample class, correct answers included).

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

from autograder.core import language, syntax
from autograder.core.messages import say, summary
from autograder.notebooks import cells, generate

if TYPE_CHECKING:
    from autograder.core.spec import Exercise, Mistake

ROOT = generate.ROOT
PACKAGE = Path(__file__).resolve().parents[1]
SOLUTIONS = ROOT / "solutions"
MARKER = ".autograder-release"  # a folder holding it may be replaced by the next release
SCHEMA_VERSION = 3  # nbgrader's cell metadata schema


# -- the student release --------------------------------------------------------------------------------
# what of the package a release copies: an allow-list, so that a new folder (an answer key) stays out until
# someone decides it may go; ``autograder/keys`` (hand-written references: answers) never goes
RELEASED_PACKAGES = ("batch", "core", "notebooks", "release", "render", "sandbox", "service", "specs")
NEVER_RELEASED = ("keys",)


class ReleaseRefused(ValueError):
    """The release would give answers away; its message says which and how to put things right."""


def student_release(target: Path, gpu_runner: str | None = None, force: bool = False,
                    min_score: str = "full") -> list[Path]:
    """Write the student release into ``target``; returns the files written. Refuses (before writing
    anything) where a stub of ``exercises/`` is filled in, and (removing what it wrote) where a written file
    holds a piece of the answer key."""
    refuse_filled_in_stubs()
    _prepare(target, force)
    written: list[Path] = []

    def write(relative: str, content: str | bytes) -> None:
        path = target / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):  # the compiled translations
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
        written.append(path)

    for lang in language.LANGUAGES:  # exercises/ in English, exercises/fr/ in French
        folder = generate.statements(lang)
        for module in generate.exercise_modules(folder):
            relative = module.relative_to(ROOT)
            write(str(relative), module.read_text(encoding="utf-8"))
            with language.speaking(lang):
                write(str(relative.with_suffix(".ipynb")), generate.notebook_text(module))
    for path in released_package_files():
        write(str(path.relative_to(ROOT)), path.read_bytes() if path.suffix == ".mo" else path.read_text("utf-8"))
    written += _record_public_answers(target)
    written += _copy_datasets(target)
    write("pyproject.toml", (ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    # CI grades the statements of the course's language (the release's --lang): the folder students work in
    graded = generate.statements(language.current()).relative_to(ROOT).as_posix()
    for lang, name in READMES.items():  # README.md in English, LISEZMOI.md in French
        write(name, student_readme(min_score, lang, graded))
    write(".github/workflows/autograde.yml", workflow(gpu_runner, min_score, graded))
    write(".gitignore", ".venv/\n__pycache__/\n*.egg-info/\n.ipynb_checkpoints/\nresult.json\n")
    write(MARKER, "written by `autograder release`; the next release may replace this folder\n")
    _refuse_leaks(target, written)
    return written


def released_package_files() -> list[Path]:
    """The grader package's modules that a release copies: its top-level modules and the subpackages of
    :data:`RELEASED_PACKAGES`; ``RuntimeError`` for a subpackage in neither list (decide where it goes)."""
    folders = {p.name for p in PACKAGE.iterdir() if p.is_dir() and (p / "__init__.py").exists()}
    unknown = folders - set(RELEASED_PACKAGES) - set(NEVER_RELEASED)
    if unknown:
        raise RuntimeError(f"autograder/{sorted(unknown)[0]}/ is in neither RELEASED_PACKAGES nor NEVER_RELEASED "
                           "(autograder/release/student.py): say whether students may have it")
    files = [*PACKAGE.glob("*.py"), *(p for name in RELEASED_PACKAGES for p in (PACKAGE / name).rglob("*.py")),
             *(PACKAGE / "locale").rglob("*.mo")]  # the translations gettext reads (autograder.core.language)
    return sorted(p for p in files if "__pycache__" not in p.parts)


def _copy_datasets(target: Path) -> list[Path]:
    """``datasets/`` but the held-out images with their labels (``digits/test``): those score
    ``train_lenet`` and ``train_autoencoder`` and stay with the grader; a release checks on a split of the
    training images."""
    from autograder.datasets import HELD_OUT

    written = []
    for path in sorted((ROOT / "datasets").rglob("*")):
        relative = path.relative_to(ROOT / "datasets")
        if not path.is_file() or "__pycache__" in path.parts or any(
                relative.parts[:len(Path(held).parts)] == Path(held).parts for held in HELD_OUT):
            continue
        destination = target / "datasets" / relative
        destination.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(path, destination)
        written.append(destination)
    return written


def refuse_filled_in_stubs(modules: list[Path] | None = None) -> None:
    """:class:`ReleaseRefused` naming every function of ``exercises/`` that is no longer the handout's stub
    (an instructor who tried the exercises in this checkout), and anything else added to a module."""
    problems = []
    for module in modules if modules is not None else generate.exercise_modules():
        tree = syntax.parse(module.read_text(encoding="utf-8"))
        for index, node in enumerate(tree.body):
            docstring = index == 0 and isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant)
            if docstring or isinstance(node, (ast.Import, ast.ImportFrom)):
                continue
            if isinstance(node, ast.FunctionDef) and cells.is_stub(node):
                continue
            what = f"{node.name}()" if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)) \
                else f"the statement at line {node.lineno}"
            problems.append(f"exercises/{module.name}: {what}")
    if problems:
        raise ReleaseRefused(say("release_filled_in", found="\n  ".join(problems)))


def key_fragments() -> dict[str, str]:
    """Every known answer as text to search for (whitespace normalised), with where it comes from: the
    body of each function of the key (``solutions/``), of the hand-written references (``autograder/keys``),
    of the correct and slow fixtures and of the sample class, and each of their statements long enough to be
    telling; but what the handout itself says."""
    variants = ROOT / "tests" / "variants"
    sources = [*sorted(SOLUTIONS.glob("*.py")), *sorted((PACKAGE / "keys").glob("*.py")),
               *sorted(variants.glob("*/correct_*.py")), *sorted(variants.glob("*/slow_*.py")),
               *sorted((ROOT / "examples" / "sample_class").rglob("*.py"))]
    fragments: dict[str, str] = {}
    for path in sources:
        source = path.read_text(encoding="utf-8")
        for node in ast.walk(syntax.parse(source)):
            if isinstance(node, ast.FunctionDef) and not cells.is_stub(node):
                for fragment in _telling_parts(source, node):
                    fragments[fragment] = f"{path.relative_to(ROOT)}:{node.name}"
    handout = _normal("\n".join(p.read_text(encoding="utf-8") for p in generate.exercise_modules()))
    return {fragment: where for fragment, where in fragments.items() if fragment not in handout}


def _telling_parts(source: str, node: ast.FunctionDef) -> list[str]:
    """The body of ``node`` (its docstring left out) and each of its statements long enough to be telling."""
    body = node.body[1:] if ast.get_docstring(node) is not None else node.body
    if not body:
        return []
    whole = _normal("\n".join(source.splitlines()[body[0].lineno - 1:node.end_lineno]))
    parts = [whole] if len(whole) >= 25 else []
    for statement in body:
        text = _normal(ast.get_source_segment(source, statement) or "")
        if len(text) >= 40 and not text.startswith(("raise NotImplementedError", "return")):
            parts.append(text)
    return parts


def _normal(text: str) -> str:
    return " ".join(text.split())


def _refuse_leaks(target: Path, written: list[Path]) -> None:
    """Search every text file written for a piece of the answer key; on a find, remove the release and
    raise :class:`ReleaseRefused` naming the file and whose answer it holds."""
    fragments = key_fragments()
    for path in written:
        try:
            text = _normal(path.read_text(encoding="utf-8"))
        except UnicodeDecodeError:
            continue  # recorded answers (safetensors), images
        found = next((f for f in fragments if f in text), None)
        if found is not None:
            shutil.rmtree(target)
            raise ReleaseRefused(say("release_leak", file=path.relative_to(target), origin=fragments[found],
                                     fragment=found[:100]))


def _record_public_answers(target: Path) -> list[Path]:
    """Record into ``target`` what each hand-written reference and mistake (in ``autograder/keys``, which the
    release leaves out) answers on the public seed; returns the files written."""
    from autograder.core.key import is_answer_key
    from autograder.core.reference import mistake_record
    from autograder.release import recorded
    from autograder.specs import all_exercises

    written = []
    for exercise in all_exercises():
        if exercise.score is not None:
            continue
        records: list[tuple[str, Mistake | None]] = [(exercise.id, None)] if is_answer_key(exercise.reference) else []
        records += [(mistake_record(exercise, m), m) for m in exercise.mistakes if is_answer_key(m.function)]
        for name, mistake in records:
            path = target / recorded.DIRECTORY.relative_to(ROOT) / f"{name}.safetensors"
            recorded.save(path, _public_answers(exercise, mistake))
            written.append(path)
    return written


def _public_answers(exercise: Exercise, mistake: Mistake | None = None) -> dict[str, Any]:
    """The reference's (or ``mistake``'s) answer to each case of the public seed (a :class:`Raised` where it
    raises), by the fingerprint of its inputs."""
    from autograder.core.reference import expected, mistaken
    from autograder.core.seed import PUBLIC_SEED
    from autograder.release import recorded

    answers = {}
    for case in exercise.cases(PUBLIC_SEED):
        inputs = exercise.inputs(case.params, PUBLIC_SEED)
        answer = expected(exercise, inputs, "cpu")[0] if mistake is None else mistaken(exercise, mistake, inputs, "cpu")
        answers[recorded.fingerprint(inputs)] = answer
    return answers


def _prepare(target: Path, force: bool) -> None:
    if target.exists() and any(target.iterdir()):
        if not (force and (target / MARKER).exists()):
            raise FileExistsError(say("release_not_empty", target=target))
        shutil.rmtree(target)
    target.mkdir(parents=True, exist_ok=True)


# each language's README, in a file of the name its readers look for first
READMES = {"en": "README.md", "fr": "LISEZMOI.md"}


def student_readme(min_score: str = "full", lang: str = "en", graded: str = "exercises") -> str:
    """The students' README in ``lang``: every sentence from the catalogue, so that README.md and LISEZMOI.md
    say the same things; ``graded`` is the folder CI grades."""
    with language.speaking(lang):
        return _readme(min_score, lang, graded)


def _readme(min_score: str, lang: str, graded: str) -> str:
    from autograder.specs import all_exercises

    folder = generate.statements(lang).relative_to(ROOT).as_posix()
    command = ".venv/bin/autograder check" + ("" if lang == "en" else f" {folder} --lang {lang}")
    required = say("readme_full_marks") if min_score == "full" else say("readme_points", points=float(min_score))
    other = next(other for other in READMES if other != lang)
    with language.speaking(other):  # the way to the other README, in the words of its readers
        pointer = say("readme_language", readme=READMES[other],
                      folder=generate.statements(other).relative_to(ROOT).as_posix())
    columns = " | ".join(say(key) for key in ("report_exercise", "readme_file", "report_points", "list_asks"))
    rows = "\n".join(f"| `{ex.id}` | `{folder}/{ex.module}.py` | {ex.points:g} | {summary(ex.id)} |"
                     for ex in all_exercises())
    setup = ("```sh\npython3 -m venv .venv\n.venv/bin/pip install torch torchvision   # "
             f"{say('readme_torch_versions', oldest='2.4', newest='2.14')}\n.venv/bin/pip install -e .\n```")
    sections = [
        f"# {say('readme_title')}", pointer, say("readme_intro", folder=folder),
        f"## {say('readme_setting_up')}", setup,
        f"## {say('readme_checking')}",
        f"- {say('readme_check_notebook')}\n- {say('readme_check_terminal', command=command, folder=folder)}",
        say("readme_magics"),
        f"## {say('readme_on_push')}", say("readme_on_push_text", required=required, folder=graded),
        say("readme_held_out"),
        f"## {say('readme_exercises')}", f"| {columns} |\n|---|---|---|---|\n{rows}",
    ]
    return "\n\n".join(sections) + "\n"


def workflow(gpu_runner: str | None = None, min_score: str = "full", graded: str = "exercises") -> str:
    """The student repository's CI: grade ``graded`` on push (practice, on the public seed), on CPU unless the
    course names a GPU runner label; the job fails below ``min_score`` (``full``, or a number of points)."""
    from autograder.core.seed import PUBLIC_SEED

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
                  cache: pip
                  cache-dependency-path: pyproject.toml
              - name: Install the kit
                run: |
                  python -m pip install --upgrade pip
                  {torch_install}
                  pip install -e .
              # practice grading on the public seed; the course's final grades use a secret one
              - name: Grade (practice)
                run: >-
                  autograder grade {graded} --device {device} --seed {PUBLIC_SEED} --json result.json
                  --summary "$GITHUB_STEP_SUMMARY" --min-score {min_score}
        """)


# -- the nbgrader course --------------------------------------------------------------------------------
def nbgrader_course(target: Path, only: list[str] | None = None, force: bool = False) -> list[Path]:
    """Write an nbgrader course into ``target``: ``source/<module>/<module>.ipynb`` and its config."""
    import nbformat

    from autograder.specs import all_exercises

    known = {ex.id for ex in all_exercises()}
    if only and set(only) - known:
        raise KeyError(say("unknown_exercises", names=", ".join(sorted(set(only) - known))))
    refuse_filled_in_stubs()  # the source notebooks show everything outside the solution regions
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
    module_imports = {ast.unparse(n) for n in syntax.parse(module.read_text(encoding="utf-8")).body
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
    """The locked test cell: the feedback on the public cases, and its points for ``nbgrader validate``;
    graded without the warm service (nbgrader's kernels come and go)."""
    return (f'# {say("nbgrader_test_cell")}\nfrom autograder import check\n'
            f'check("{exercise_id}", service=False).award()')


def solution_cell(stub: str, function: str, solution_source: str,
                  module_imports: AbstractSet[str] = frozenset()) -> str:
    """The stub cell with its ``raise NotImplementedError`` replaced by the key's body between nbgrader's
    markers. What the body needs from the key's module (its imports, its helper functions) comes along
    inside the region, so that nothing of the answer shows outside it."""
    tree = syntax.parse(stub)
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
    tree = syntax.parse(source)
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
