"""The kit parses Python one thread at a time: CPython 3.11's AST constructor shares its recursion depth
between threads, and the grading service screens two submissions at once (python/cpython#106905)."""

from __future__ import annotations

import ast
import re
import threading
from pathlib import Path

import pytest

from autograder.core import syntax

PACKAGE = Path(__file__).resolve().parents[2] / "autograder"


def test_the_kit_parses_only_through_the_lock() -> None:
    direct = [f"{path.relative_to(PACKAGE)}:{number}"
              for path in PACKAGE.rglob("*.py") if path.name != "syntax.py"
              for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
              if re.search(r"\bast\.parse\(|PyCF_ONLY_AST", line)]
    assert direct == []


def test_a_parse_waits_for_another_threads_parse() -> None:
    finished = threading.Event()

    def parse() -> None:
        syntax.parse("x = 1")
        finished.set()

    with syntax._ONE_AT_A_TIME:  # another thread is building a tree
        thread = threading.Thread(target=parse)
        thread.start()
        assert not finished.wait(0.2)
    assert finished.wait(5)
    thread.join()


def test_it_parses_as_ast_parse_does() -> None:
    source = "def f(x):\n    return x + 1\n"
    assert ast.dump(syntax.parse(source)) == ast.dump(ast.parse(source))
    assert isinstance(syntax.parse("1 + 2", mode="eval"), ast.Expression)
    with pytest.raises(SyntaxError):
        syntax.parse("def (:")
