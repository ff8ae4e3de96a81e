"""An exercise's forbidden operators made unusable in the student worker: by every route, on every thread.

- An ``aten::`` operator gets a kernel that refuses, registered with ``torch.library`` at every dispatch key
  where PyTorch has one (CPU, CUDA, autograd, sparse, nested, composite...): whatever Python name or
  thread reaches the dispatcher, the call raises.
- Its Python implementations (the decompositions in ``torch._decomp``, the references in ``torch._refs``)
  compute the same thing from ordinary operators: their code is replaced by code that refuses, in the
  function object itself, so that every alias and every table that holds it refuses too.
- A forbidden Python-level function (``torch.autograd.grad``) is refused the same way.

Every refusal is recorded in :data:`ATTEMPTS`; the worker turns a call that made one into the verdict
``forbidden``, naming the operator, in the correctness phase and the timed phase alike. The guard of one
exercise stays in force from its first call to the first call of another exercise: nothing tells the
phases apart. Only the student worker installs it; the reference worker never does.
"""

from __future__ import annotations

import functools
import operator
import threading
import types
import warnings
from collections.abc import Collection, Iterable, Mapping
from typing import Any, NamedTuple

import torch

from autograder.core.messages import say

# PyTorch's dispatcher functions, taken when the kit is imported, before any student code: a submission that
# replaces them in torch._C at import (so that the next exercise's guard registers nothing) changes nothing
# the guard calls, and replacing these names here is what the worker's seal names
_DISPATCH_LIBRARY = torch._C._dispatch_library
_SCHEMAS = torch._C._jit_get_schemas_for_operator
_HAS_KERNEL = torch._C._dispatch_has_kernel_for_dispatch_key
ATTEMPTS: set[str] = set()
_LOCK = threading.Lock()
# every dispatch key where PyTorch registers kernels that compute (alias keys included)
DISPATCH_KEYS = (
    "CPU", "CUDA", "Meta", "MPS", "XPU", "HIP", "Lazy", "PrivateUse1", "MkldnnCPU",
    "SparseCPU", "SparseCUDA", "SparseMeta", "SparseCsrCPU", "SparseCsrCUDA", "SparseCsrMeta",
    "QuantizedCPU", "QuantizedCUDA", "QuantizedMeta", "NestedTensorCPU", "NestedTensorCUDA", "NestedTensorMeta",
    "Autograd", "AutogradCPU", "AutogradCUDA", "AutogradNestedTensor", "AutogradOther",
    "CompositeImplicitAutograd", "CompositeImplicitAutogradNestedTensor", "CompositeExplicitAutograd",
    "CompositeExplicitAutogradNonFunctional", "FuncTorchBatched", "BatchedNestedTensor", "ZeroTensor",
)
# where PyTorch keeps Python implementations of its operators
_PYTHON_IMPLEMENTATIONS = ("torch._decomp.decompositions", "torch._refs", "torch._refs.nn.functional",
                           "torch._refs.special", "torch._refs.linalg", "torch._decomp.decompositions_for_rng")


class ForbiddenOperator(RuntimeError):
    """Raised in place of a forbidden operator's result."""


def refuse(name: str) -> ForbiddenOperator:
    with _LOCK:
        ATTEMPTS.add(name)
    return ForbiddenOperator(say("sandbox:forbidden", operator=name))


def taken() -> list[str]:
    """The forbidden operators called since the last look, sorted; forgets them."""
    with _LOCK:
        names = sorted(ATTEMPTS)
        ATTEMPTS.clear()
    return names


class Guard:
    """Holds one set of forbidden names in force until :meth:`lift` (or until another set replaces it)."""

    def __init__(self) -> None:
        self.names: tuple[str, ...] = ()
        self.library: Any = None
        self.swapped: list[tuple[types.FunctionType, types.CodeType]] = []

    def hold(self, names: Iterable[str]) -> None:
        names = tuple(sorted(set(names)))
        if names == self.names:
            return
        self.lift()
        self.names = names
        aten = [n.removeprefix("aten::") for n in names if n.startswith("aten::")]
        self._override_operators(aten)
        for op, functions in _python_implementations(aten).items():
            for fn in functions:
                self._swap(fn, f"aten::{op}")
        for dotted in names:
            if not dotted.startswith("aten::"):
                fn = resolve(dotted)
                if isinstance(fn, types.FunctionType):
                    self._swap(fn, dotted)

    def lift(self) -> None:
        if self.library is not None:
            self.library.reset()
            self.library = None
        for fn, code in reversed(self.swapped):
            fn.__code__ = code
        self.swapped = []
        self.names = ()

    def _override_operators(self, ops: list[str]) -> None:
        if not ops:
            return
        # the dispatcher's own registration handle, not torch.library.Library: a Library is reachable from
        # weakref.finalize's registry, whose finalizer would undo the registrations; this handle is held
        # here only
        self.library = _DISPATCH_LIBRARY("IMPL", "aten", "", "<autograder guard>", 0)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # "overriding a previously registered kernel": that is the point
            for op in ops:
                for schema in _SCHEMAS(f"aten::{op}"):
                    overload = f"{op}.{schema.overload_name}" if schema.overload_name else op
                    for key in _known_keys():
                        if _HAS_KERNEL(f"aten::{overload}", key):
                            self.library.impl(overload, key, _refusing_kernel(f"aten::{op}"), False)

    def _swap(self, fn: types.FunctionType, name: str) -> None:
        seen = {id(swapped) for swapped, _ in self.swapped}
        while isinstance(fn, types.FunctionType) and id(fn) not in seen:
            seen.add(id(fn))
            code = _refusing_code(name, fn.__code__.co_freevars)
            if code is not None:
                self.swapped.append((fn, fn.__code__))
                fn.__code__ = code
            fn = getattr(fn, "__wrapped__", None)  # type: ignore[assignment]


def prepare() -> None:
    """Look up now what every guard of this process would look up at its first hold: a runner does it once,
    before it forks, for all its workers (1 ms each)."""
    _known_keys()


@functools.cache
def _known_keys() -> tuple[str, ...]:
    """The dispatch keys this PyTorch knows (the list spans several versions)."""
    known = []
    for key in DISPATCH_KEYS:
        try:
            _HAS_KERNEL("aten::add.Tensor", key)
        except RuntimeError:
            continue
        known.append(key)
    return tuple(known)


def _refusing_kernel(name: str) -> Any:
    def kernel(*args: Any, **kwargs: Any) -> Any:
        raise refuse(name)

    return kernel


def _refusing_code(name: str, freevars: tuple[str, ...]) -> types.CodeType | None:
    """Code that refuses, with the same free variables as the code it replaces (a function's code may
    only be replaced by code with as many)."""
    lines = ["def outer():"] + [f"    {var} = None" for var in freevars] + [
        "    def refusing(*args, **kwargs):",
        *(f"        {var}" for var in freevars),
        "        import autograder.sandbox.forbid as guard",
        f"        raise guard.refuse({name!r})",
        "    return refusing",
    ]
    namespace: dict[str, Any] = {}
    exec(compile("\n".join(lines), f"<forbidden {name}>", "exec"), namespace)
    code = namespace["outer"]().__code__
    return code if code.co_freevars == freevars else None


def _python_implementations(ops: list[str]) -> dict[str, list[types.FunctionType]]:
    """PyTorch's Python implementations of each ``aten::op``: registered decompositions and references of any
    of its overloads, and functions of the same name in the modules that hold them; those known when the kit
    was imported (:data:`_KNOWN`) and, where PyTorch's tables or modules changed since, those there now (looked
    at once for all of ``ops``)."""
    indexes = [_KNOWN, _index()] if ops and _changed(_KNOWN) else [_KNOWN]
    found = {op: [fn for index in indexes for fn in _implementations(index, op)] for op in ops}
    return {op: list({id(fn): fn for fn in fns if isinstance(fn, types.FunctionType)}.values())
            for op, fns in found.items()}


class _Index(NamedTuple):
    """Where PyTorch keeps Python implementations of its operators, as they were when it was made; immutable,
    so that a module-level name the worker's seal watches is enough to keep it as it was."""

    tables: tuple[tuple[dict, tuple, tuple], ...]  # each decomposition table, its keys and its values
    by_op: Mapping[str, tuple[Any, ...]]  # what the tables hold for each operator
    modules: tuple[tuple[str, Any, Mapping[str, Any]], ...]  # each module of references and its names


def _index() -> _Index:
    import sys

    try:
        from torch._decomp import decomposition_table, global_decomposition_table
    except ImportError:
        tables: list[dict] = []
    else:
        tables = list({id(t): t for t in (decomposition_table, *global_decomposition_table.values())}.values())
    by_op: dict[str, list[Any]] = {}
    for table in tables:
        for key, fn in table.items():
            schema = getattr(key, "_schema", None)
            if schema is not None:
                by_op.setdefault(schema.name.removeprefix("aten::"), []).append(fn)
    modules = [(name, module, types.MappingProxyType(dict(vars(module)))) for name in _PYTHON_IMPLEMENTATIONS
               if (module := sys.modules.get(name)) is not None]
    return _Index(tuple((table, tuple(table), tuple(table.values())) for table in tables),
                  types.MappingProxyType({op: tuple(fns) for op, fns in by_op.items()}), tuple(modules))


def _implementations(index: _Index, op: str) -> list[Any]:
    named = [names.get(name) for _, _, names in index.modules for name in (op, op.lstrip("_"))]
    return [*index.by_op.get(op, ()), *(fn for fn in named if callable(fn))]


def _changed(index: _Index) -> bool:
    """Whether a table gained, lost or replaced an entry, or a module of references was replaced or changed."""
    import sys

    if not all(_same(table, keys, values) for table, keys, values in index.tables):
        return True
    if [name for name in _PYTHON_IMPLEMENTATIONS if name in sys.modules] != [name for name, _, _ in index.modules]:
        return True
    return not all(sys.modules.get(name) is module and _same(vars(module), names, names.values())
                   for name, module, names in index.modules)


def _same(now: Mapping, keys: Collection, values: Iterable) -> bool:
    """Whether ``now`` holds the very same keys and values, in the same order (compared by identity)."""
    return (len(now) == len(keys) and all(map(operator.is_, now, keys))
            and all(map(operator.is_, now.values(), values)))


# indexed when the kit is imported, before any submission runs (the runner forks its workers from it): a
# scan took 4 ms an operator at every worker's first call, and a decoy a submission puts in a table in place
# of an implementation does not hide the implementation from the guard
_KNOWN = _index()


def resolve(dotted: str) -> Any:
    """The object a dotted path names (``torch.nn.functional.relu``), or ``None``."""
    import importlib

    parts = dotted.split(".")
    for cut in range(len(parts), 0, -1):
        try:
            obj: Any = importlib.import_module(".".join(parts[:cut]))
        except ImportError:
            continue
        for attr in parts[cut:]:
            obj = getattr(obj, attr, None)
        return obj
    return None
