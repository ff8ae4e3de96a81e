"""Screening a submission's source, in the grader, before any of it runs.

The worker watches for forbidden operators from inside the student's own process, so a submission that
sets out to reach into the worker (its modules, its frames, the profiler that watches it) or to hide what
it runs (``exec`` of a built string) could switch that watch off. Such code has no place in an exercise
answer: it is refused here, where the student's code cannot interfere, and the feedback names the line.
A determined attacker can still obfuscate around a static check; the isolation levels are what bound the
damage (see SECURITY.md). This screen keeps the honest majority's contract simple and the casual cheat out.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass

from autograder.core import syntax

# modules that reach below Python (ctypes), into the interpreter's object graph or the import machinery,
# or into the kit itself
_MODULES = {"autograder", "ctypes", "_ctypes", "cffi", "gc", "importlib", "builtins", "inspect", "marshal",
            "pickle", "dill", "sysconfig", "_thread", "runpy", "codeop"}
# libraries that implement exercises outright (they are installed beside the kit for its own cross-checks)
_MODULES |= {"sklearn", "librosa", "diffusers", "torchaudio", "transformers", "scipy"}
_NAMES = {"exec", "eval", "compile", "__import__", "globals", "breakpoint", "__builtins__"}
_ATTRIBUTES = {"__globals__", "__code__", "__builtins__", "__subclasses__", "__closure__", "_getframe",
               "f_back", "f_locals", "f_globals", "settrace", "setprofile", "addaudithook", "modules",
               "_disable_profiler_legacy", "_enable_profiler_legacy", "_disable_profiler", "profiler_legacy",
               "_DisableTorchDispatch", "_DisableTorchFunction", "_disable_torch_function_subclass"}


@dataclass(frozen=True)
class Finding:
    line: int
    what: str

    def __str__(self) -> str:
        return f"line {self.line}: {self.what}"


class NestedTooDeep(Exception):
    """Source nested deeper than Python's parser goes (``RecursionError`` or ``MemoryError`` from the parser,
    not a ``SyntaxError``): it cannot be screened, so it may not run."""


def screen(source: str) -> list[Finding]:
    """What in ``source`` a submission may not use; empty for ordinary code (and for code that does not
    parse: the import reports that). Raises :class:`NestedTooDeep` for code the parser gives up on."""
    try:
        tree = syntax.parse(source)
    except (SyntaxError, ValueError):
        return []
    except syntax.TOO_DEEP as err:
        raise NestedTooDeep(type(err).__name__) from None
    findings: list[Finding] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            findings += [Finding(node.lineno, f"import {a.name}") for a in node.names
                         if a.name.split(".")[0] in _MODULES]
        elif isinstance(node, ast.ImportFrom):
            if node.module and node.module.split(".")[0] in _MODULES and node.level == 0:
                findings.append(Finding(node.lineno, f"from {node.module} import ..."))
        elif isinstance(node, ast.Name) and node.id in _NAMES:
            findings.append(Finding(node.lineno, node.id))
        elif isinstance(node, ast.Attribute) and node.attr in _ATTRIBUTES:
            # ``something.modules`` is only sys.modules when it is read from ``sys``
            if node.attr != "modules" or (isinstance(node.value, ast.Name) and node.value.id == "sys"):
                findings.append(Finding(node.lineno, f".{node.attr}"))
        elif isinstance(node, ast.Constant) and isinstance(node.value, str) and node.value in _MODULES | _NAMES:
            # getattr(torch, "...") is fine; a string naming one of the above is how they get smuggled in
            if node.value not in ("compile", "eval"):
                findings.append(Finding(node.lineno, repr(node.value)))
    return sorted(set(findings), key=lambda f: (f.line, f.what))
