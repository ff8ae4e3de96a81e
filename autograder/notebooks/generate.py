"""The exercises as Jupyter notebooks (``autograder notebooks``, or ``python -m autograder.notebooks.generate``).

Every module of ``exercises/`` becomes ``exercises/<module>.ipynb``, written with nbformat from the ``.py``
file, which stays the single source. Per exercise: its teaching docstring as Markdown (formula blocks in
LaTeX), the stub in a code cell, a worked example, and a check cell ``check("<id>")``. ``--check`` fails
when a committed notebook differs from what its module gives. Notebooks handed in are read by
:mod:`autograder.notebooks.submission`.
"""

from __future__ import annotations

import argparse
import ast
import doctest
import inspect
import json
import re
import sys
import textwrap
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

from autograder.core import language, syntax
from autograder.core.messages import say
from autograder.notebooks.docstrings import to_markdown

if TYPE_CHECKING:
    import nbformat

ROOT = Path(__file__).resolve().parents[2]
EXERCISES = ROOT / "exercises"
KERNELSPEC = {"name": "python3", "display_name": "Python 3 (ipykernel)", "language": "python"}


# -- generating the exercise notebooks ----------------------------------------------------------------
def exercise_notebook(path: Path) -> nbformat.NotebookNode:
    """The notebook of the exercise module at ``path``."""
    import nbformat
    from nbformat.v4 import new_notebook

    from autograder.specs import all_exercises

    source = path.read_text(encoding="utf-8")
    tree = syntax.parse(source)
    lines = source.splitlines()
    module = path.stem
    specs = {ex.function: ex for ex in all_exercises() if ex.module == module}
    notebook = new_notebook(metadata={"kernelspec": dict(KERNELSPEC), "language_info": {"name": "python"}})
    add = _cell_adder(notebook)
    add("markdown", _intro(tree, module, _shown_path(path)), "intro")
    pending: list[str] = []  # module-level code between functions, kept together in one cell
    number = 0
    for index, node in enumerate(tree.body):
        if index == 0 and ast.get_docstring(tree) is not None:
            continue
        start = _statement_start(tree, index, lines)
        text = "\n".join(lines[start - 1:node.end_lineno])
        if not isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            pending.append(text)
            continue
        if pending:
            add("code", "\n\n".join(pending), f"code-{index}")
            pending = []
        exercise = specs.get(node.name)
        if exercise is None:
            _add_function(add, node, text)
            continue
        number += 1
        _add_exercise(add, node, exercise, number, _stub_with_short_docstring(node, lines, start))
    if pending:
        add("code", "\n\n".join(pending), "code-end")
    nbformat.validate(notebook)
    return notebook


_AddCell = Callable[[str, str, str], None]  # add(kind, text, cell_id): kind is "markdown" or "code"


def _cell_adder(notebook: nbformat.NotebookNode) -> _AddCell:
    """A function that appends a cell to ``notebook``, its id made of ``cell_id``."""
    from nbformat.v4 import new_code_cell, new_markdown_cell

    def add(kind: str, text: str, cell_id: str) -> None:
        make = new_markdown_cell if kind == "markdown" else new_code_cell
        notebook.cells.append(make(text.strip("\n"), id=re.sub(r"[^A-Za-z0-9_-]", "-", cell_id)[:64]))

    return add


def _shown_path(path: Path) -> str:
    """Where a module is, as the notebook names it: from the kit's root (``exercises/fr/rnn.py``), whichever
    machine wrote it; a module from elsewhere as if it were in ``exercises/``."""
    where = path.resolve()
    return where.relative_to(ROOT).as_posix() if where.is_relative_to(ROOT) else f"exercises/{path.name}"


def _intro(tree: ast.Module, module: str, source: str) -> str:
    """The first cell: the module's docstring, its first line the title, then how to work in the notebook."""
    doc = ast.get_docstring(tree) or module
    title, _, rest = inspect.cleandoc(doc).partition("\n")
    return (f"# {title.rstrip('.')}\n\n{to_markdown(rest) if rest.strip() else ''}\n"
            f"{say('notebook_intro', source=source)}")


def _statement_start(tree: ast.Module, index: int, lines: list[str]) -> int:
    """The line where the module's statement ``index`` starts, its decorators and the comments directly
    above it included."""
    node = tree.body[index]
    start = min([node.lineno] + [d.lineno for d in getattr(node, "decorator_list", [])])
    # ast.parse sets end_lineno on every node; its stubs say int | None for nodes built by hand
    previous_end = cast(int, tree.body[index - 1].end_lineno) if index else 0
    return _leading_comments(lines, previous_end, start)


def _add_function(add: _AddCell, node: ast.FunctionDef | ast.AsyncFunctionDef, text: str) -> None:
    """A function that is not an exercise (a helper the module gives): its docstring, if any, then its code."""
    function_doc = ast.get_docstring(node, clean=False)
    if function_doc:
        add("markdown", f"### `{node.name}`\n\n{to_markdown(inspect.cleandoc(function_doc))}", f"{node.name}-about")
    add("code", text, f"{node.name}-code")


def _add_exercise(add: _AddCell, node: ast.FunctionDef | ast.AsyncFunctionDef, exercise: Any, number: int,
                  stub: str) -> None:
    """An exercise's cells: its heading and teaching docstring, its stub, a worked example, its check."""
    doc = inspect.cleandoc(ast.get_docstring(node, clean=False) or "")
    heading = say("notebook_heading", number=number, function=node.name, points=exercise.points)
    add("markdown", f"{heading}\n\n{to_markdown(doc)}", f"{node.name}-about")
    add("code", stub, f"{node.name}-stub")
    example = _example_cell(node.name, doc, exercise)
    if example:
        add("code", example, f"{node.name}-example")
    add("code", f'from autograder import check\ncheck("{exercise.id}")', f"{node.name}-check")


def _leading_comments(lines: list[str], previous_end: int, start: int) -> int:
    """Where a statement's block starts, comments directly above it included."""
    while start - 1 > previous_end and lines[start - 2].lstrip().startswith("#"):
        start -= 1
    return start


def _stub_with_short_docstring(node: ast.FunctionDef | ast.AsyncFunctionDef, lines: list[str], start: int) -> str:
    """The function's code with its docstring cut to the first paragraph: the Markdown above has the rest."""
    body = node.body
    code = lines[start - 1:node.end_lineno]
    if not (body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant)
            and isinstance(body[0].value.value, str)):
        return "\n".join(code)
    first, last = body[0].lineno, body[0].end_lineno
    opening = lines[first - 1].lstrip()
    indent = lines[first - 1][:len(lines[first - 1]) - len(opening)]
    prefix = cast(re.Match[str], re.match(r"[rRuU]?", opening)).group()  # never None: the pattern matches ""
    quote = opening[len(prefix):len(prefix) + 3]
    summary = inspect.cleandoc(body[0].value.value).split("\n\n")[0].strip()
    short = [f"{indent}{prefix}{quote}{summary.splitlines()[0]}"] + [f"{indent}{s}" for s in summary.splitlines()[1:]]
    short[-1] += quote
    return "\n".join(lines[start - 1:first - 1] + short + lines[last:node.end_lineno])


# -- worked examples ----------------------------------------------------------------------------------
def _example_cell(function: str, doc: str, exercise: Any) -> str | None:
    examples = doctest.DocTestParser().get_examples(doc)
    if examples:
        return _doctest_cell(function, examples)
    return _case_cell(function, exercise)


def _doctest_cell(function: str, examples: list[doctest.Example]) -> str:
    body: list[str] = []
    for example in examples:
        source = example.source.rstrip("\n")
        want = example.want.rstrip("\n")
        try:
            syntax.parse(source, mode="eval")
            is_expression = True
        except SyntaxError:
            is_expression = False
        if is_expression:
            # continuation lines keep their alignment under the opening bracket, now six columns on
            source = source.replace("\n", "\n      ")
            if want and "\n" not in want and len(want) <= 40 and "\n" not in source:
                body.append(f"print({source})  # {want}")
            else:
                body += [f"# {line}" for line in want.splitlines()]
                body.append(f"print({source})")
        else:
            body.append(source)
    lead = say("notebook_example_doctest", function=function)
    return _try_block(lead, [], body)


def _case_cell(function: str, exercise: Any) -> str | None:
    """An example built from the grader's first named case that renders small, with what it returns."""
    import torch

    for case in exercise.edge_cases:
        try:
            inputs = exercise.inputs(case.params, 0)
            setup, arguments, needs_seed = _render_inputs(inputs)
        except _Unrenderable:
            continue
        if len(setup) > 20:
            continue
        namespace: dict[str, Any] = {"torch": torch}
        torch.manual_seed(0)
        exec("\n".join(setup), namespace)  # the inputs exactly as the cell builds them
        try:
            values = {name: eval(code, namespace) for name, code in arguments.items()}
            expected = exercise.reference(**values)
        except Exception:
            continue
        call = f"print({function}({', '.join(f'{name}={code}' for name, code in arguments.items())}))"
        if len(call) > 92:
            call = f"print({function}(\n" + ",\n".join(f"    {name}={code}" for name, code in arguments.items()) + "))"
        lead = say("notebook_example_case", function=function, case=case.name,
                   params=", ".join(f"{k}={v}" for k, v in case.params.items()))
        prints = [f"# {line}" for line in [say("notebook_example_prints"), *_describe(expected).splitlines()]]
        seed = ["torch.manual_seed(0)"] if needs_seed else []
        return _try_block(lead, seed + setup, prints + [call])
    return None


def _try_block(lead: str, setup: list[str], body: list[str]) -> str:
    indented = textwrap.indent("\n".join(body), "    ")
    lines = [f"# {line}" for line in textwrap.wrap(lead, 98)] + setup
    # the words the cell prints, as a Python literal: JSON's, which keeps accents and no-break spaces readable
    said = json.dumps(say("notebook_not_implemented"), ensure_ascii=False)
    return "\n".join(lines + ["try:", indented, "except NotImplementedError as err:", f"    print({said}, err)"])


class _Unrenderable(Exception):
    pass


def _render_inputs(inputs: dict[str, Any]) -> tuple[list[str], dict[str, str], bool]:
    """Code lines that build the tensors and lists of ``inputs``, and each argument's expression."""
    setup: list[str] = []
    arguments: dict[str, str] = {}
    needs_seed = False
    for name, value in inputs.items():
        code, random = _render(value)
        needs_seed |= random
        if "\n" in code or len(code) > 30 or "torch." in code:
            # rows written out line by line line up under the first one
            pad = " " * (len(name) + 3 + code.index("[")) if "\n" in code and "[" in code else ""
            setup.append(f"{name} = {code}".replace("\n ", "\n" + pad))
            arguments[name] = name
        else:
            arguments[name] = code
    return setup, arguments, needs_seed


def _render(value: Any) -> tuple[str, bool]:
    import torch

    if value is None or isinstance(value, (bool, int, str)):
        return repr(value), False
    if isinstance(value, float):
        return _float(value), False
    if isinstance(value, torch.Tensor):
        return _tensor(value)
    if isinstance(value, (list, tuple)):
        parts = [_render(v) for v in value]
        inner = ", ".join(p[0] for p in parts)
        if len(value) == 1 and isinstance(value, tuple):
            inner += ","
        open_, close = ("[", "]") if isinstance(value, list) else ("(", ")")
        if len(inner) > 90:
            inner = "\n    " + ",\n    ".join(p[0] for p in parts) + ",\n"
        return f"{open_}{inner}{close}", any(p[1] for p in parts)
    raise _Unrenderable(type(value).__name__)


def _float(value: float) -> str:
    if value != value:
        return 'float("nan")'
    if value in (float("inf"), float("-inf")):
        return 'float("inf")' if value > 0 else 'float("-inf")'
    return repr(round(value, 4))


def _tensor(tensor: Any) -> tuple[str, bool]:
    dtype = str(tensor.dtype).replace("torch.", "")
    default = {"float32", "int64", "bool"}
    dtype_arg = "" if dtype in default else f", dtype=torch.{dtype}"
    if tensor.is_floating_point() and tensor.numel() > 24:
        shape = ", ".join(map(str, tensor.shape))
        return f"torch.randn({shape}{dtype_arg})", True
    if tensor.is_complex() or tensor.numel() > 64:
        raise _Unrenderable("tensor too large to write out")
    values = tensor.tolist()
    return f"torch.tensor({_nested(values, tensor.is_floating_point())}{dtype_arg})", False


def _nested(values: Any, floating: bool, depth: int = 0) -> str:
    if not isinstance(values, list):
        return _float(float(values)) if floating else repr(values)
    parts = [_nested(v, floating, depth + 1) for v in values]
    flat = "[" + ", ".join(parts) + "]"
    if len(flat) <= 90 or not values or not isinstance(values[0], list):
        return flat
    pad = " " * (depth + 1)
    return "[" + (",\n" + pad).join(parts) + "]"


def _describe(value: Any) -> str:
    import torch

    if isinstance(value, torch.Tensor):
        if value.numel() <= 12:
            return repr(value)
        return say("notebook_tensor", dtype=str(value.dtype).replace("torch.", ""), shape=tuple(value.shape))
    if isinstance(value, (tuple, list)):
        text = repr(value)
        if len(text) <= 160 and "\n" not in text:
            return text
        parts = [_describe(v) for v in value]
        if all("\n" not in part for part in parts) and sum(map(len, parts)) <= 160:
            return "(" + ", ".join(parts) + ")"
        return "\n".join(parts)
    text = repr(value)
    return text if len(text) <= 160 else text[:157] + "..."


# -- writing and checking them --------------------------------------------------------------------------
def notebook_text(path: Path) -> str:
    import nbformat

    return nbformat.writes(exercise_notebook(path)) + "\n"


def statements(language: str) -> Path:
    """The folder of the exercise modules whose statements are in ``language``: ``exercises/`` in English,
    ``exercises/<language>/`` otherwise (the same stubs, their docstrings written in that language)."""
    return EXERCISES if language == "en" else EXERCISES / language


def exercise_modules(folder: Path = EXERCISES) -> list[Path]:
    return sorted(p for p in folder.glob("*.py") if not p.name.startswith("_"))


def write_notebooks(folder: Path = EXERCISES, check: bool = False, lang: str = "en") -> list[Path]:
    """Write (or, with ``check``, only compare) every module's notebook, the kit's words in it in ``lang``;
    returns those that differed."""
    with language.speaking(lang):
        return _write_notebooks(folder, check)


def _write_notebooks(folder: Path, check: bool) -> list[Path]:
    differing = []
    for module in exercise_modules(folder):
        target = module.with_suffix(".ipynb")
        text = notebook_text(module)
        if not target.exists() or target.read_text(encoding="utf-8") != text:
            differing.append(target)
            if not check:
                target.write_text(text, encoding="utf-8")
    return differing


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="autograder notebooks", description=__doc__.split("\n\n")[0])
    parser.add_argument("folder", nargs="?", default=EXERCISES, type=Path, help="the exercise modules")
    parser.add_argument("--check", action="store_true",
                        help="write nothing; exit 1 if a notebook differs from what its module gives")
    args = parser.parse_args(argv)
    return run(args.folder, args.check)


def run(folder: Path, check: bool) -> int:
    differing = write_notebooks(folder, check=check, lang="en" if folder == EXERCISES else language.current())
    for path in differing:
        print(say("notebooks_out_of_date" if check else "notebooks_written", path=path))
    if check and differing:
        print(say("notebooks_regenerate"))
        return 1
    print(say("notebooks_checked" if check else "notebooks_up_to_date", count=len(exercise_modules(folder)),
              folder=folder))
    return 0


if __name__ == "__main__":
    sys.exit(main())
