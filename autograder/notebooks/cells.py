"""Notebook cells as one module: what the grader builds from a notebook, and how the worker runs it.

A notebook (a file, or the cells a Jupyter kernel has executed) becomes the text of an ordinary module:
its code cells in order, each after a marker line ``# %% [<label>]``, with IPython's own syntax left out
(line magics ``%...``, cell magics ``%%...``, shell escapes ``!...``, help ``name?``) and the notebook's
calls to ``check`` commented out, since they only ask for feedback. A cell that does not compile is kept
as comments under a marker that says why. The text parses as a whole, so the grader screens all of it.

The worker runs such a module cell by cell (:func:`run`), compiling the statements of the whole parse
(never re-reading text), so what runs is exactly what was screened; a cell that raises is noted and the
next cells still run. Tracebacks name the cell (``rnn.ipynb, cell 7``, line 3 of that cell).

Standard library only: the worker, the grader and a student's kernel all import this module.
"""

from __future__ import annotations
import __future__

import ast
import linecache
import re
import symtable
import traceback
from pathlib import Path
from types import ModuleType

from autograder.core import syntax
from autograder.core.messages import say

HEADER = "# autograder: notebook cells as one module"
MARKER = re.compile(r"^# %% \[(?P<label>[^\]\n]{1,100})\](?: not run: (?P<why>.*))?$")
REPORT_FUNCTION = "__autograder_notebook_report__"
_FUTURE_FLAGS = 0
for _feature in __future__.all_feature_names:
    _FUTURE_FLAGS |= getattr(__future__, _feature).compiler_flag
_MAGIC = re.compile(r"^(?P<indent>[ \t]*)(?:[%!]|\?\??[\w.]|[\w.]+\?\??[ \t]*$)")
_CHECK_IMPORT = {"check"}


# -- building the module ------------------------------------------------------------------------------
def module_text(cells: list[tuple[str, str]], origin: str) -> str:
    """The module that ``cells`` (label, source) make, as the worker runs it; ``origin`` names the notebook."""
    future: list[str] = []
    parts: list[str] = []
    flags = 0
    for label, source in cells:
        if not source.strip():
            continue
        label = _clean_label(label)
        cleaned, why = clean_cell(source)
        if why is None:
            cleaned, features = _lift_future_imports(cleaned)
            future += [f for f in features if f not in future]
            flags |= _future_flags(features)
            why = _compile_problem(cleaned, flags)
        if why is None:
            parts.append(f"# %% [{label}]\n{cleaned.rstrip()}\n")
        else:
            commented = "\n".join(f"# {line}" if line else "#" for line in source.rstrip().splitlines())
            parts.append(f"# %% [{label}] not run: {why}\n{commented}\n")
    head = f"{HEADER} ({_one_line(origin)}); magics and shell escapes are not run\n"
    if future:
        head += f"from __future__ import {', '.join(future)}\n"
    text = head + "\n".join(parts)
    try:
        syntax.parse(text)
    except SyntaxError as err:  # cells that compile one by one always make a module; say so if not
        raise ValueError(f"the cells of {origin} do not form a module: {err}") from None
    except syntax.TOO_DEEP as err:
        raise ValueError(say("too_deeply_nested", type=type(err).__name__)) from None
    return text


def clean_cell(source: str) -> tuple[str, str | None]:
    """The cell's code with IPython syntax and ``check`` calls left out (lines kept, so line numbers hold),
    or why the whole cell is not run."""
    lines = source.splitlines()
    first = next((line for line in lines if line.strip()), "")
    if first.lstrip().startswith("%%"):
        return "", f"a {first.split()[0]} cell magic"
    starts = _statement_starts(source)
    for i, line in enumerate(lines):
        # only where a statement may begin: "% b" continuing a bracket, or a line of a string, is Python
        magic = _MAGIC.match(line)
        if magic and i in starts:
            lines[i] = f"{magic['indent']}pass  # not run: {line.strip()}"
    return _comment_out_checks("\n".join(lines)), None


def _statement_starts(source: str) -> set[int]:
    """Indices of the lines that begin outside any string, bracket or backslash continuation.

    A small scanner rather than ``tokenize``: magics and shell escapes are not Python, and the tokenizer
    may refuse them."""
    starts: set[int] = set()
    depth, quote, line, i, n = 0, "", 0, 0, len(source)
    at_line_start = True
    while i < n:
        if at_line_start:
            if depth == 0 and not quote:
                starts.add(line)
            at_line_start = False
        c = source[i]
        if quote:
            if c == "\\":
                if source.startswith("\n", i + 1):
                    line, at_line_start = line + 1, True
                i += 2
            elif source.startswith(quote, i):
                i, quote = i + len(quote), ""
            else:
                if c == "\n":
                    quote = "" if len(quote) == 1 else quote  # a one-line string cannot go on
                    line, at_line_start = line + 1, True
                i += 1
            continue
        if c == "#":
            end = source.find("\n", i)
            i = n if end < 0 else end
        elif c in "'\"":
            quote = source[i:i + 3] if source[i:i + 3] in ("'''", '"""') else c
            i += len(quote)
        elif c == "\\" and source.startswith("\n", i + 1):
            i, line = i + 2, line + 1  # the continued line begins no statement
        else:
            if c in "([{":
                depth += 1
            elif c in ")]}":
                depth = max(0, depth - 1)
            elif c == "\n":
                line, at_line_start = line + 1, True
            i += 1
    return starts


def _comment_out_checks(source: str) -> str:
    """``from autograder import check`` and ``check(...)`` / ``check(...).award()`` statements, at the top
    level and alone on their lines, become comments: they ask for feedback, they are not the answer."""
    try:
        tree = syntax.parse(source)
    except (SyntaxError, *syntax.TOO_DEEP):
        return source
    lines = source.splitlines()
    checks = [node for node in tree.body if _is_check(node)]
    for node in checks:
        span = range(node.lineno, _end_line(node) + 1)
        others = [n for n in tree.body if n is not node and not _is_check(n)
                  and n.lineno <= _end_line(node) and _end_line(n) >= node.lineno]
        if others:
            continue
        for number in span:
            if not lines[number - 1].startswith("# check: "):
                lines[number - 1] = f"# check: {lines[number - 1]}"
    return "\n".join(lines)


def _end_line(node: ast.stmt) -> int:
    """The statement's last line. ``ast.parse`` sets ``end_lineno`` on every statement it makes (the fallback,
    for a node built by hand, is there for the type and never taken here)."""
    return node.lineno if node.end_lineno is None else node.end_lineno


def _is_check(node: ast.stmt) -> bool:
    """``from autograder import check``, ``import autograder``, and a statement that is one call of
    ``check(...)`` (``autograder.check``), possibly ``.award()``-ed, displayed or assigned to a name."""
    if isinstance(node, ast.ImportFrom):
        return node.module == "autograder" and node.level == 0 and {a.name for a in node.names} <= _CHECK_IMPORT
    if isinstance(node, ast.Import):
        return [(a.name, a.asname) for a in node.names] == [("autograder", None)]
    if isinstance(node, ast.Assign) and all(isinstance(t, ast.Name) for t in node.targets):
        call = node.value
    elif isinstance(node, ast.Expr):
        call = node.value
    else:
        return False
    if (isinstance(call, ast.Call) and isinstance(call.func, ast.Name) and call.func.id == "display"
            and len(call.args) == 1 and not call.keywords):
        call = call.args[0]
    if (isinstance(call, ast.Call) and isinstance(call.func, ast.Attribute) and call.func.attr == "award"
            and not call.args and not call.keywords):
        call = call.func.value
    if not isinstance(call, ast.Call):
        return False
    func = call.func
    named = isinstance(func, ast.Name) and func.id == "check"
    dotted = (isinstance(func, ast.Attribute) and func.attr == "check" and isinstance(func.value, ast.Name)
              and func.value.id == "autograder")
    # only plain arguments: a check call must not smuggle code past the grader's screen
    plain = all(isinstance(a, (ast.Constant, ast.Name)) for a in [*call.args, *(k.value for k in call.keywords)])
    return (named or dotted) and plain


def _lift_future_imports(source: str) -> tuple[str, list[str]]:
    """``from __future__`` statements leave the cell (they go to the module's top, where Python wants them)."""
    try:
        tree = syntax.parse(source)
    except (SyntaxError, *syntax.TOO_DEEP):
        return source, []
    lines = source.splitlines()
    features: list[str] = []
    for node in tree.body:
        if isinstance(node, ast.ImportFrom) and node.module == "__future__":
            features += [alias.name for alias in node.names]
            lines[node.lineno - 1] = f"pass  # moved to the top: {lines[node.lineno - 1].strip()}"
            for number in range(node.lineno + 1, _end_line(node) + 1):
                lines[number - 1] = f"# {lines[number - 1]}"
    return "\n".join(lines), features


def _future_flags(features: list[str]) -> int:
    flags = 0
    for name in features:
        feature = getattr(__future__, name, None)
        if isinstance(feature, __future__._Feature):
            flags |= feature.compiler_flag
    return flags


def _compile_problem(source: str, flags: int) -> str | None:
    try:
        compile(source, "<cell>", "exec", flags=flags, dont_inherit=True)
    except (SyntaxError, ValueError) as err:
        lineno = getattr(err, "lineno", None)
        line = f" (line {lineno})" if lineno else ""
        return f"{type(err).__name__}: {getattr(err, 'msg', None) or err}{line}"
    except syntax.TOO_DEEP as err:
        return say("too_deeply_nested", type=type(err).__name__)
    return None


def _clean_label(label: str) -> str:
    return re.sub(r"[\]\n/\\]", " ", label)[:100] or "cell"


def _one_line(text: str) -> str:
    return " ".join(str(text).split())[:200]


def is_notebook_module(text: str) -> bool:
    return text.startswith(HEADER)


# -- is a function still the stub? --------------------------------------------------------------------
def is_stub(function: ast.FunctionDef | ast.AsyncFunctionDef) -> bool:
    """A body that is a docstring (or nothing) and ``raise NotImplementedError(...)``."""
    body = list(function.body)
    if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant) \
            and isinstance(body[0].value.value, str):
        body = body[1:]
    if len(body) != 1 or not isinstance(body[0], ast.Raise) or body[0].exc is None:
        return False
    exc = body[0].exc.func if isinstance(body[0].exc, ast.Call) else body[0].exc
    return isinstance(exc, ast.Name) and exc.id == "NotImplementedError"


def untouched(text: str) -> bool:
    """Every function of the module is still a stub (the module as handed out, whatever its comments)."""
    try:
        tree = syntax.parse(text)
    except (SyntaxError, *syntax.TOO_DEEP):
        return False
    functions = [n for n in tree.body if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef))]
    return bool(functions) and all(map(is_stub, functions))


def still_stub(text: str, function: str) -> bool:
    """``function`` is bound once in the module, by a ``def`` that is still the stub. Used to answer
    "not implemented" without grading; anything less plain is graded."""
    try:
        tree = syntax.parse(text)
    except (SyntaxError, *syntax.TOO_DEEP):
        return False
    bindings: list[ast.AST] = []
    for node in ast.walk(tree):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)) and node.name == function:
            bindings.append(node)
        elif isinstance(node, ast.Name) and node.id == function and not isinstance(node.ctx, ast.Load):
            bindings.append(node)
        elif isinstance(node, (ast.Import, ast.ImportFrom)):
            bindings += [a for a in node.names if (a.asname or a.name.split(".")[0]) == function or a.name == "*"]
        elif isinstance(node, (ast.Global, ast.Nonlocal)) and function in node.names:
            bindings.append(node)
        elif isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in ("globals", "exec",
                                                                                                  "eval", "setattr"):
            return False
    return (len(bindings) == 1 and isinstance(bindings[0], (ast.FunctionDef, ast.AsyncFunctionDef))
            and bindings[0] in tree.body and is_stub(bindings[0]))


# -- running the module, in the worker ----------------------------------------------------------------
def run(module: ModuleType, path: Path, text: str | None = None) -> None:
    """Run a notebook module cell by cell in ``module``'s namespace; a cell that raises is noted and the
    next cells still run. A text that does not parse raises, as an ordinary module's import would."""
    text = path.read_text(encoding="utf-8") if text is None else text
    tree = syntax.parse(text, filename=str(path))
    lines = text.splitlines()
    covered: set[int] = set()
    for node in tree.body:
        covered.update(range(node.lineno, _end_line(node) + 1))
    # cells start at marker lines outside every statement (a marker inside a string is just text)
    starts = [(number, MARKER.match(lines[number - 1])) for number in range(1, len(lines) + 1)
              if number not in covered and MARKER.match(lines[number - 1])]
    report: list[str] = []
    namespace = module.__dict__
    namespace[REPORT_FUNCTION] = lambda: list(report)
    bounds = [(0, None)] + [(number, match) for number, match in starts]
    flags = 0
    for index, (start, match) in enumerate(bounds):
        end = bounds[index + 1][0] if index + 1 < len(bounds) else len(lines) + 1
        label = _clean_label(match["label"]) if match else "top"
        if match and match["why"]:
            report.append(f"{label} was not run: {match['why']}")
        statements = [node for node in tree.body if start < node.lineno < end]
        if not statements:
            continue
        cell = ast.Module(body=statements, type_ignores=[])
        ast.increment_lineno(cell, -start)  # line numbers within the cell
        filename = str(path.parent / label)
        source = lines[start:end - 1]
        linecache.cache[filename] = (len("\n".join(source)), None, [line + "\n" for line in source], filename)
        try:
            code = compile(cell, filename, "exec", flags=flags, dont_inherit=True)
            flags |= code.co_flags & _FUTURE_FLAGS
            exec(code, namespace)
        except BaseException as err:  # SystemExit too: it ends the cell, as in Jupyter, not the module
            report.append(f"{label} raised {_describe(err, filename)}")


def _describe(err: BaseException, filename: str) -> str:
    try:
        message = str(err)
    except Exception:
        message = "<unprintable>"
    frames = [f for f in traceback.extract_tb(err.__traceback__) if f.filename == filename]
    where = f" (line {frames[-1].lineno})" if frames else ""
    if isinstance(err, SyntaxError) and err.lineno:
        where = f" (line {err.lineno})"
    return f"{type(err).__name__}: {' '.join(message.split())[:300]}{where}"


# -- what a check needs of a kernel's cells -------------------------------------------------------------
# calls that reach names no analysis can follow: a statement making one is always kept
_OPAQUE_CALLS = frozenset({"exec", "eval", "globals", "vars", "setattr", "delattr", "__import__", "locals"})
_SCOPES = (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef, ast.Lambda, ast.ListComp, ast.SetComp,
           ast.DictComp, ast.GeneratorExp)


class _Statement:
    """What one top-level statement of a cell binds, changes and reads, in the module's namespace."""

    def __init__(self, node: ast.stmt, imported: set[str]) -> None:
        self.node = node
        self.definite: set[str] = set()  # bound whatever happens (a def, an import, a plain assignment)
        self.binds: set[str] = set()  # bound or unbound somewhere in it, maybe
        self.mutates: set[str] = set()  # changed in place: x[0] = ..., x.attr = ..., x.method(...)
        self.reads: set[str] = set()  # read as it runs
        self.later: set[str] = set()  # read by the functions it defines, when they are called: at the end
        self.global_writes: set[str] = set()  # names a function defined here binds with `global`
        self.always = False
        self._look(imported)

    def _look(self, imported: set[str]) -> None:
        node = self.node
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            self.definite.add(node.name)
        elif isinstance(node, (ast.Import, ast.ImportFrom)):
            if isinstance(node, ast.ImportFrom) and (node.module == "__future__"
                                                     or any(a.name == "*" for a in node.names)):
                self.always = True
            for alias in node.names:
                self.definite.add(alias.asname or alias.name.split(".")[0])
        elif isinstance(node, (ast.Assign, ast.AnnAssign)):
            targets: list[ast.expr] = list(node.targets) if isinstance(node, ast.Assign) else [node.target]
            if isinstance(node, ast.Assign) or node.value is not None:
                self.definite.update(_plain_names(targets))
        for child in _same_scope(node):
            if isinstance(child, ast.Name):
                if isinstance(child.ctx, ast.Load):
                    self.reads.add(child.id)
                else:
                    self.binds.add(child.id)
            elif isinstance(child, (ast.Import, ast.ImportFrom)):
                self.binds.update(a.asname or a.name.split(".")[0] for a in child.names)
            elif isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
                self.binds.add(child.name)
            elif isinstance(child, (ast.Attribute, ast.Subscript)) and not isinstance(child.ctx, ast.Load):
                root = _root(child)
                if root is not None:
                    self.mutates.add(root)
            elif isinstance(child, ast.ExceptHandler) and child.name:
                self.binds.add(child.name)
            elif isinstance(child, ast.Call):
                self._call(child, imported)
        for child in ast.walk(node):
            if isinstance(child, ast.Name) and isinstance(child.ctx, ast.Load) and child.id in _OPAQUE_CALLS:
                self.always = True
        if any(isinstance(child, _SCOPES) for child in ast.walk(node)):
            self._inner_scopes()
        self.later -= self.reads
        self.binds |= self.definite

    def _inner_scopes(self) -> None:
        """The module's names that the functions, classes and lambdas it defines read (when they run) or
        bind with ``global``; their own parameters and locals are not the module's."""
        try:
            table = symtable.symtable(ast.unparse(self.node), "<cell>", "exec")
        except (SyntaxError, ValueError, RecursionError):
            self.always = True
            return
        stack = list(table.get_children())
        while stack:
            scope = stack.pop()
            stack.extend(scope.get_children())
            for symbol in scope.get_symbols():
                if symbol.is_global():
                    if symbol.is_referenced():
                        self.later.add(symbol.get_name())
                    if symbol.is_assigned() and symbol.is_declared_global():
                        self.global_writes.add(symbol.get_name())

    def _call(self, call: ast.Call, imported: set[str]) -> None:
        """``x.method(...)`` may change ``x``; ``torch.nn.functional.relu(x)`` changes no module, but
        ``torch.manual_seed(0)`` and ``torch.set_default_dtype(...)`` change PyTorch's state."""
        if not isinstance(call.func, ast.Attribute):
            return
        root = _root(call.func.value)
        if root is None:
            return
        if root not in imported or call.func.attr.startswith(("set_", "manual_seed", "use_")):
            self.mutates.add(root)


def _same_scope(node: ast.AST) -> list[ast.AST]:
    """The nodes of a statement that run when it runs: not the bodies of the functions, classes and lambdas
    it defines (their decorators, defaults and bases do run then). A comprehension runs at once: its
    reads count (its own variables too, which only keeps more)."""
    found: list[ast.AST] = []
    stack: list[ast.AST] = [node]
    while stack:
        current = stack.pop()
        found.append(current)
        if isinstance(current, (ast.FunctionDef, ast.AsyncFunctionDef)):
            children: list[ast.AST] = [*current.decorator_list, *current.args.defaults,
                                       *(d for d in current.args.kw_defaults if d is not None)]
        elif isinstance(current, ast.ClassDef):
            children = [*current.decorator_list, *current.bases, *current.keywords]
        elif isinstance(current, ast.Lambda):
            children = [*current.args.defaults, *(d for d in current.args.kw_defaults if d is not None)]
        else:
            children = list(ast.iter_child_nodes(current))
        stack.extend(children)
    return found


def _plain_names(targets: list[ast.expr]) -> set[str]:
    names: set[str] = set()
    for target in targets:
        if isinstance(target, ast.Name):
            names.add(target.id)
        elif isinstance(target, (ast.Tuple, ast.List)):
            names |= _plain_names([t.value if isinstance(t, ast.Starred) else t for t in target.elts])
    return names


def _root(node: ast.expr) -> str | None:
    while isinstance(node, (ast.Attribute, ast.Subscript, ast.Call)):
        node = node.func if isinstance(node, ast.Call) else node.value
    return node.id if isinstance(node, ast.Name) else None


def _span(node: ast.stmt) -> range:
    decorators = getattr(node, "decorator_list", [])
    first = min([node.lineno, *(d.lineno for d in decorators)])
    return range(first, _end_line(node) + 1)


def needed_cells(cells: list[tuple[str, str]], names: list[str] | tuple[str, ...]) -> list[tuple[str, str]]:
    """The cells (label, source) cut down to what defining ``names`` needs: the statements that bind them,
    then, transitively, the statements that bind or change what those read (imports, constants, helper
    functions, a setup function's ``global``), in their order; a cell left with nothing is left out. What
    nothing graded needs (training a model, plotting, printing) is not run again. A cell that does not
    compile is kept whole (the module says it was not run). Line numbers within each cell are kept."""
    parsed: list[tuple[str, str, list[ast.stmt] | None]] = []
    for label, source in cells:
        cleaned, why = clean_cell(source)
        try:
            body = syntax.parse(cleaned).body if why is None else None
        except (SyntaxError, *syntax.TOO_DEEP):
            body = None
        parsed.append((label, cleaned if body is not None else source, body))
    statements = [(index, node) for index, (_, _, body) in enumerate(parsed) for node in body or []]
    imported = {name for _, node in statements if isinstance(node, (ast.Import, ast.ImportFrom))
                for name in _Statement(node, set()).definite}
    infos = [_Statement(node, imported) for _, node in statements]
    writers: dict[str, set[str]] = {}
    for info in infos:
        if isinstance(info.node, (ast.FunctionDef, ast.AsyncFunctionDef)) and info.global_writes:
            writers.setdefault(info.node.name, set()).update(info.global_writes)
    forced: set[int] = set()
    while True:
        kept = _keep(infos, set(names), forced, writers)
        lines = {(statements[i][0], line) for i in kept for line in _span(statements[i][1])}
        sharing = {i for i, (cell, node) in enumerate(statements) if i not in kept
                   and any((cell, line) in lines for line in _span(node))}
        if not sharing:
            break
        forced = kept | sharing  # a statement on a kept line runs too: what it needs is kept as well
    chosen: list[tuple[str, str]] = []
    for index, (label, source, body) in enumerate(parsed):
        if body is None:
            chosen.append((label, source))
            continue
        keep_lines = {line for cell, line in lines if cell == index}
        if not keep_lines:
            continue
        text = [line if number in keep_lines else "" for number, line in enumerate(source.splitlines(), 1)]
        chosen.append((label, "\n".join(text).rstrip() + "\n"))
    return chosen


def _keep(infos: list[_Statement], names: set[str], forced: set[int], writers: dict[str, set[str]]) -> set[int]:
    """The statements to run, found backwards from the end. A function reads its globals when it is
    called, after every cell: what the functions kept read is needed from the end, so the walk is
    repeated until that set stops growing."""
    at_end = set(names)
    while True:
        needed, kept, later = set(at_end), set(), set()
        for i in range(len(infos) - 1, -1, -1):
            info = infos[i]
            written = {name for called in (info.reads | info.later) & writers.keys() for name in writers[called]}
            if i in forced or info.always or (info.binds | info.mutates | written) & needed:
                kept.add(i)
                needed -= info.definite
                needed |= info.reads
                later |= info.later
        if later <= at_end:
            return kept
        at_end |= later
