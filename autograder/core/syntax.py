"""Python source parsed into a tree, one thread at a time.

CPython 3.11 keeps the AST constructor's recursion depth in state that every thread shares: two threads that
build trees at once (the grading service answers two checks at once, each screening its submission) can fail
with ``SystemError: AST constructor recursion depth mismatch`` (python/cpython#106905). The kit parses
through :func:`parse`, never ``ast.parse`` directly (tests/core/test_syntax.py holds it to that).
"""

from __future__ import annotations

import ast
import threading
from typing import Literal, overload

_ONE_AT_A_TIME = threading.Lock()
# what the parser raises, rather than SyntaxError, for code nested deeper than it goes ("-" * 20000 + "1")
TOO_DEEP = (RecursionError, MemoryError)


@overload
def parse(source: str, filename: str = ..., mode: Literal["exec"] = ...) -> ast.Module: ...
@overload
def parse(source: str, filename: str = ..., *, mode: Literal["eval"]) -> ast.Expression: ...
def parse(source: str, filename: str = "<unknown>", mode: str = "exec") -> ast.Module | ast.Expression:
    """``ast.parse(source, filename, mode)``, never beside another thread's."""
    with _ONE_AT_A_TIME:
        return ast.parse(source, filename=filename, mode=mode)  # type: ignore[return-value]
