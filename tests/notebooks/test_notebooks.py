"""Notebooks: generated from the exercise modules, graded as the modules they make, checked in a kernel.

The slow tests run real Jupyter kernels (nbclient + ipykernel) on this interpreter, through a kernelspec
written into a temporary folder, so they work on a clean clone whatever the user's Jupyter setup.
"""

from __future__ import annotations

import ast
import json
import shutil
import sys
import types
from pathlib import Path

import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook
from support.results import unclocked

from autograder.core.grader import Grader
from autograder.core.submission import read_submission
from autograder.notebooks import cells, generate, submission
from autograder.notebooks.check import Feedback
from autograder.notebooks.docstrings import formula_block, latex
from autograder.sandbox.screen import screen
from autograder.specs import all_exercises

ROOT = Path(__file__).resolve().parents[2]


# -- generation ---------------------------------------------------------------------------------------
def test_committed_notebooks_are_what_their_modules_give() -> None:
    for module in generate.exercise_modules():
        committed = module.with_suffix(".ipynb")
        assert committed.exists(), f"{committed.name} is missing: run `make generate`"
        assert committed.read_text(encoding="utf-8") == generate.notebook_text(module), (
            f"{committed.name} differs from {module.name}: run `make generate` (never edit it by hand)")


def test_every_exercise_has_its_cells_in_its_modules_notebook() -> None:
    for exercise in all_exercises():
        path = ROOT / "exercises" / f"{exercise.module}.ipynb"
        notebook = nbformat.read(path, as_version=4)
        nbformat.validate(notebook)
        by_id = {cell.id: cell for cell in notebook.cells}
        function = exercise.function
        assert by_id[f"{function}-about"].cell_type == "markdown"
        assert f"`{function}` ({exercise.points:g} points)" in by_id[f"{function}-about"].source
        stub = by_id[f"{function}-stub"].source
        (definition,) = [n for n in ast.parse(stub).body if isinstance(n, ast.FunctionDef)]
        assert definition.name == function and cells.is_stub(definition)
        assert by_id[f"{function}-check"].source == f'from autograder import check\ncheck("{exercise.id}")'
        assert notebook.metadata.kernelspec.name == "python3"


def test_formula_blocks_become_latex_and_other_blocks_stay_code() -> None:
    assert latex("x_t = sqrt(abar_t) * x0 + sqrt(1 - abar_t) * noise") == (
        r"x_{t}=\sqrt{\bar{\alpha}_{t}}\cdot x_{0}+\sqrt{1-\bar{\alpha}_{t}}\cdot\mathit{noise}")
    assert latex("sigmoid(W_ir x + b_ir)") == r"\sigma(W_{ir}x+b_{ir})"
    assert latex("floor((n + 2 * p) / s) + 1") == r"\left\lfloor (n+2\cdot p)/s \right\rfloor+1"
    assert latex("query @ key^T") == r"\mathit{query}\mathbin{@}\mathit{key}^{\top}"
    rendered = formula_block(["r  = sigmoid(W_ir x)   the reset gate", "h' = (1 - z) * n"])
    assert rendered.startswith("$$\n\\begin{aligned}\n")
    assert r"r &= \sigma(W_{ir}x) && \text{the reset gate}" in rendered
    shapes = formula_block(["x        (T, B, I)   the inputs", "h0       (1, B, H)   the initial state"])
    assert shapes.startswith("```text\n") and "x        (T, B, I)" in shapes


# -- notebooks as modules ----------------------------------------------------------------------------
def test_magics_shell_escapes_and_checks_are_left_out_and_python_is_kept() -> None:
    source = ("%matplotlib inline\n!pip install nothing\nimport torch\nx = (1\n     % 2)\ns = '''\n!not a shell\n'''\n"
              "def f():\n    %time g()\n    return x\nf?\n"
              "from autograder import check; check('gru_step')\ncheck('gru_step').award()\nresult = check('x')")
    cleaned, why = cells.clean_cell(source)
    assert why is None
    lines = cleaned.splitlines()
    assert lines[0] == "pass  # not run: %matplotlib inline" and lines[1].startswith("pass  # not run: !pip")
    assert lines[3:5] == ["x = (1", "     % 2)"] and lines[6] == "!not a shell"  # Python, left alone
    assert lines[9] == "    pass  # not run: %time g()" and lines[11] == "pass  # not run: f?"
    assert all(line.startswith("# check: ") for line in lines[12:15])
    assert cells.clean_cell("%%time\nx = 1") == ("", "a %%time cell magic")
    # a check call whose arguments compute something is not left out: the screen must see it
    assert "check(" in cells.clean_cell("check(__import__('os').getcwd())")[0].split("#")[0]


def run_module(text: str, tmp_path: Path) -> types.ModuleType:
    path = tmp_path / "m.py"
    path.write_text(text)
    module = types.ModuleType("m")
    module.__file__ = str(path)
    cells.run(module, path)
    return module


def test_a_failing_cell_is_noted_and_the_next_cells_still_run(tmp_path: Path) -> None:
    text = cells.module_text([("cell 1", "from __future__ import annotations\nimport math"),
                              ("cell 2", "def f(x: undefined_name) -> int:\n    return 1"),
                              ("cell 3", "raise ValueError('boom')"), ("cell 4", "def g(:\n    pass"),
                              ("cell 5", "y = f(0) + math.floor(1.5)")], "m.ipynb")
    module = run_module(text, tmp_path)
    assert module.y == 2  # the future import, lifted to the top, holds in every cell
    assert module.f.__annotations__ == {"x": "undefined_name", "return": "int"}
    assert module.__dict__[cells.REPORT_FUNCTION]() == [
        "cell 3 raised ValueError: boom (line 1)", "cell 4 was not run: SyntaxError: invalid syntax (line 1)"]


def test_a_cell_nested_past_the_parser_is_noted_and_the_next_cells_still_run(tmp_path: Path) -> None:
    """The parser gives up on such a cell with MemoryError or RecursionError, not SyntaxError: the notebook is
    still read, the cell noted, not run (reading it ended the command with a traceback)."""
    text = cells.module_text([("cell 1", "x = " + "-" * 20_000 + "1"), ("cell 2", "y = 2")], "m.ipynb")
    assert screen(text) == []
    module = run_module(text, tmp_path)
    assert module.y == 2 and not hasattr(module, "x")
    (report,) = module.__dict__[cells.REPORT_FUNCTION]()
    assert report.startswith("cell 1 was not run: its code nests deeper than Python's parser goes"), report


def test_the_worker_runs_exactly_the_statements_the_screen_saw(tmp_path: Path) -> None:
    # a marker hidden in a string must not split a cell: what follows it is string, not code
    text = cells.module_text([("cell 1", "s = '''\n# %% [cell 9]\nexec('import os')\n'''")], "m.ipynb")
    assert screen(text) == []
    module = run_module(text, tmp_path)
    assert "exec('import os')" in module.s and module.__dict__[cells.REPORT_FUNCTION]() == []
    # and code the screen refuses is in the module's text, not hidden from it
    assert screen(cells.module_text([("cell 1", "%time x = 1"), ("cell 2", "exec('1')")], "m.ipynb"))


def notebook_of(*sources: str, markdown: str = "# a notebook") -> bytes:
    notebook = new_notebook(cells=[new_markdown_cell(markdown)] + [new_code_cell(s) for s in sources])
    return nbformat.writes(notebook).encode()


def test_a_module_handed_in_both_ways_is_graded_from_the_one_with_code() -> None:
    stub = (ROOT / "exercises" / "cnn.py").read_text()
    key = (ROOT / "solutions" / "cnn.py").read_text()
    with_code, untouched = notebook_of(key), notebook_of(stub)
    texts, _ = submission.submission_modules({"cnn.py": stub.encode(), "cnn.ipynb": with_code})
    assert cells.is_notebook_module(texts["cnn.py"]) and "not run:" not in texts["cnn.py"]
    texts, _ = submission.submission_modules({"cnn.py": key.encode(), "cnn.ipynb": untouched})
    assert texts["cnn.py"] == key
    texts, _ = submission.submission_modules({"cnn.py": key.encode(), "cnn.ipynb": with_code})
    assert cells.is_notebook_module(texts["cnn.py"]) and "cnn.py has code in it too" in texts["cnn.py"]
    _, unreadable = submission.submission_modules({"rnn.ipynb": b"{not json"})
    assert unreadable["rnn"].startswith("ValueError: not a Jupyter notebook")


def _comparable(result) -> list[dict]:
    """A result's exercises; the student's traceback reduced to its last line, since it names the notebook
    cell (``cnn.ipynb, cell 3``, line 5) where the module names its own line."""
    exercises = unclocked(result)["exercises"]
    for exercise in exercises:
        for failure in exercise["failures"] + [exercise["smallest_failing_case"] or {}]:
            if failure.get("traceback"):
                failure["traceback"] = failure["traceback"].strip().splitlines()[-1]
    return exercises


@pytest.mark.slow
@pytest.mark.grading
def test_a_notebook_grades_exactly_as_its_module(tmp_path: Path) -> None:
    # one exercise right, one wrong (with feedback and a smallest case), one raising
    module = (ROOT / "tests/variants/conv_output_size/wrong_ceil.py").read_text()
    module += "\n\ndef conv2d_param_count(*args, **kwargs):\n    return [][0]\n"
    (tmp_path / "py").mkdir()
    (tmp_path / "py" / "cnn.py").write_text(module)
    top, _, rest = module.partition("\ndef ")
    (tmp_path / "nb").mkdir()
    (tmp_path / "nb" / "cnn.ipynb").write_bytes(notebook_of(
        "%matplotlib inline\n" + top, "!ls\ndef " + rest, "from autograder import check\ncheck('conv_output_size')"))
    (tmp_path / "failing").mkdir()
    (tmp_path / "failing" / "cnn.ipynb").write_bytes(notebook_of(top, "raise RuntimeError('a broken cell')",
                                                                  "def " + rest))
    only = ["conv_output_size", "conv2d_param_count"]
    with Grader(seed=0, device="cpu", timing_enabled=False) as grader:
        plain, notebook, failing = (grader.grade(tmp_path / name, only=only) for name in ("py", "nb", "failing"))
    assert [e.status for e in plain.exercises] == ["failed", "error"]
    assert _comparable(notebook) == _comparable(plain)
    assert plain.exercises[1].failures[0].traceback.startswith('  File "cnn.py"')
    assert notebook.exercises[1].failures[0].traceback.startswith(
        '  File "cnn.ipynb, cell 3", line 12, in conv2d_param_count\n    return [][0]\n')
    # a cell that raises is reported on the module's exercises, and everything else is graded as before
    note = "notebook: cnn.ipynb, cell 3 raised RuntimeError: a broken cell (line 1)"
    for graded, reference in zip(failing.exercises, plain.exercises, strict=True):
        assert graded.feedback == reference.feedback + "\n" + note
        assert (graded.status, graded.score) == (reference.status, reference.score)


def test_read_submission_takes_notebooks_from_a_folder(tmp_path: Path) -> None:
    (tmp_path / "rnn.ipynb").write_bytes(notebook_of("import torch"))
    (tmp_path / "cnn.py").write_text("x = 1\n")
    (tmp_path / "notes.txt").write_text("not a module")
    texts, unreadable = read_submission(tmp_path)
    assert sorted(texts) == ["cnn.py", "rnn.py"] and not unreadable
    assert cells.is_notebook_module(texts["rnn.py"]) and "# %% [rnn.ipynb, cell 2]" in texts["rnn.py"]


# -- feedback in a notebook ---------------------------------------------------------------------------
def test_feedback_is_a_table_in_a_notebook_and_text_elsewhere() -> None:
    failure = {"case": "basic", "params": {"B": 3, "H": 4},
               "message": "12 of 12 elements differ; first at index (0, 0): expected -0.360338, got 0.172445; "
                          "max abs error 1.12", "traceback": "",
               "rebuild": "gru_step(**case('gru_step', 'basic'))"}
    smallest = {**failure, "case": "random_3 (shrunk)", "params": {"B": 1, "H": 1}, "rebuild": "",
                "traceback": '  File "Cell In[4]", line 3, in gru_step\nValueError: <bad>'}
    feedback = Feedback({"id": "gru_step", "module": "rnn", "score": 6.0, "max_score": 10, "status": "failed",
                         "feedback": "2 of 31 cases fail\ncase \"basic\" (B=3, H=4): ...\n    rerun it: from "
                                     "autograder import case; gru_step(**case('gru_step', 'basic'))\n"
                                     "notebook: cell 2 raised",
                         "failures": [failure], "smallest_failing_case": smallest})
    page = feedback._repr_html_()
    assert "<table>" in page and "<th>expected</th><th>got</th>" in page
    assert "<td><code>-0.360338</code></td><td><code>0.172445</code></td>" in page
    assert "random_3 (shrunk)<br><i>smallest failing case found</i>" in page
    assert "ValueError: &lt;bad&gt;" in page and "<li>notebook: cell 2 raised</li>" in page
    # the line that reruns the case sits under it, ready to copy; it is not repeated below the table
    assert "basic<br><code>gru_step(**case(&#x27;gru_step&#x27;, &#x27;basic&#x27;))</code>" in page
    assert "<li>    rerun it" not in page and "<li>rerun it" not in page
    text = repr(feedback)
    assert text.startswith("gru_step  6/10  failed  2 of 31 cases fail") and "your code raised:" in text


# -- real kernels -------------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def kernel(tmp_path_factory):
    """One kernel of this interpreter for the module's notebooks, each run after a reset of its namespace
    and history (what a fresh kernel would have), so that PyTorch is imported once."""
    from ipykernel.kernelspec import install
    from jupyter_client.manager import KernelManager

    prefix = tmp_path_factory.mktemp("jupyter")
    install(kernel_name="python3", prefix=str(prefix))
    patch = pytest.MonkeyPatch()
    patch.setenv("JUPYTER_PATH", str(prefix / "share" / "jupyter"))
    patch.setenv("IPYTHONDIR", str(prefix / "ipython"))
    manager = KernelManager(kernel_name="python3")
    manager.start_kernel(cwd=str(prefix))
    assert Path(manager.kernel_spec.argv[0]).resolve() == Path(sys.executable).resolve()
    yield manager
    manager.shutdown_kernel(now=True)
    patch.undo()


def execute(manager, notebook: nbformat.NotebookNode) -> nbformat.NotebookNode:
    from nbclient import NotebookClient

    notebook = nbformat.from_dict(json.loads(json.dumps(notebook)))  # a copy
    notebook.cells.insert(0, new_code_cell("get_ipython().reset(new_session=True)"))
    NotebookClient(notebook, km=manager, timeout=900, allow_errors=False).execute()
    return notebook


def outputs(cell) -> str:
    return "\n".join(o.get("text", "") + json.dumps(o.get("data", {})) for o in cell.outputs)


@pytest.mark.slow
@pytest.mark.grading
def test_generated_notebooks_run_and_their_checks_say_not_implemented(kernel) -> None:
    for module in generate.exercise_modules():
        notebook = execute(kernel, nbformat.read(module.with_suffix(".ipynb"), as_version=4))
        checks = [c for c in notebook.cells if c.get("id", "").endswith("-check")]
        assert checks, module.name
        for cell in checks:
            assert not any(o.output_type == "error" for o in cell.outputs), outputs(cell)
            assert "not implemented" in outputs(cell) and "text/html" in outputs(cell), (module.name, outputs(cell))
        for cell in notebook.cells:
            if cell.get("id", "").endswith("-example"):
                assert "not implemented yet" in outputs(cell), (module.name, cell.id, outputs(cell))


@pytest.mark.slow
@pytest.mark.grading
def test_check_grades_the_function_the_kernel_defines_not_what_the_kernel_claims(kernel) -> None:
    key = (ROOT / "solutions" / "cnn.py").read_text()
    wrong = (ROOT / "tests/variants/conv_output_size/wrong_ceil.py").read_text()
    notebook = new_notebook(cells=[
        new_code_cell(key),
        new_code_cell("from autograder import check\ncheck('conv_output_size', timing=False)"),
        new_code_cell(wrong),
        # a hostile cell: whatever it patches in the kernel, the grading happens elsewhere
        new_code_cell("import math, torch\ntorch.equal = lambda *a: True\nmath.floor = math.ceil\n"
                      "torch.testing.assert_close = lambda *a, **k: None"),
        new_code_cell("from autograder import check\nresult = check('conv_output_size', timing=False)\n"
                      "print(result.status, result.score)\nresult"),
    ])
    done = execute(kernel, notebook)
    right, wrong_check = done.cells[2], done.cells[5]
    assert "passed" in outputs(right) and "5/5" in outputs(right), outputs(right)
    assert "failed" in outputs(wrong_check) and "<table>" in outputs(wrong_check), outputs(wrong_check)
    assert "smallest failing case found" in outputs(wrong_check)
    assert any(o.get("text", "").startswith("failed ") for o in wrong_check.outputs)


def test_copying_a_notebook_keeps_it_a_notebook(tmp_path: Path) -> None:
    shutil.copy(ROOT / "exercises" / "rnn.ipynb", tmp_path / "rnn.ipynb")
    texts, unreadable = read_submission(tmp_path / "rnn.ipynb")
    assert not unreadable and cells.untouched(texts["rnn.py"])
