"""The exercises' statements in French: ``exercises/fr/<module>.py`` holds the same stubs as
``exercises/<module>.py`` (the same functions, signatures and order), their docstrings written in French in
the course's vocabulary; ``make generate`` makes their notebooks (``exercises/fr/<module>.ipynb``), in which
the kit's own words are French too."""

from __future__ import annotations

import ast
import json
from pathlib import Path

import pytest

from autograder.notebooks import generate

ENGLISH = generate.exercise_modules(generate.EXERCISES)
FRENCH = generate.statements("fr")


def _functions(path: Path) -> list[ast.FunctionDef]:
    return [node for node in ast.parse(path.read_text(encoding="utf-8")).body if isinstance(node, ast.FunctionDef)]


def test_every_module_has_its_french_statements() -> None:
    assert [p.name for p in ENGLISH if not (FRENCH / p.name).exists()] == []


@pytest.mark.parametrize("english", ENGLISH, ids=lambda p: p.stem)
def test_the_french_stubs_are_the_english_ones_in_french(english: Path) -> None:
    french = FRENCH / english.name
    if not french.exists():
        pytest.fail(f"write {french.relative_to(generate.ROOT)}")
    ours, theirs = _functions(english), _functions(french)
    assert [f.name for f in theirs] == [f.name for f in ours]
    for en, fr in zip(ours, theirs, strict=True):
        assert ast.dump(fr.args) == ast.dump(en.args), f"{fr.name}: another signature"
        assert ast.unparse(fr.returns or ast.Constant(None)) == ast.unparse(en.returns or ast.Constant(None)), fr.name
        doc_en, doc_fr = ast.get_docstring(en), ast.get_docstring(fr)
        assert doc_fr and doc_fr != doc_en, f"{fr.name}: no French docstring"
        body = fr.body[1:]
        assert len(body) == 1 and isinstance(body[0], ast.Raise), f"{fr.name}: a stub is its docstring and a raise"
        raised = body[0].exc
        assert isinstance(raised, ast.Call) and getattr(raised.func, "id", "") == "NotImplementedError", fr.name
    assert ast.get_docstring(ast.parse(french.read_text(encoding="utf-8"))), f"{french.name}: no module docstring"


def test_the_french_notebooks_are_up_to_date() -> None:
    assert generate.write_notebooks(FRENCH, check=True, lang="fr") == [], "run make generate"


def test_a_french_notebooks_example_cell_prints_french(capsys) -> None:
    """Run as a student first does, before filling the stub in: the example cell says so in French."""
    notebook = json.loads((FRENCH / "basics.ipynb").read_text(encoding="utf-8"))
    code = {cell["id"]: "".join(cell["source"]) for cell in notebook["cells"] if cell["cell_type"] == "code"}
    namespace: dict[str, object] = {}
    for cell_id in ("code-3", "linear_forward-stub", "linear_forward-example"):  # the imports, the stub, the example
        exec(code[cell_id], namespace)
    printed = capsys.readouterr().out
    assert printed.startswith("pas encore implémentée\u00a0: linear_forward\u00a0: "), printed
    assert "not implemented yet" not in "".join(code.values())
