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
import threading
import types
import warnings
from collections.abc import Iterable
from typing import Any

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
        for op in aten:
            for fn in _python_implementations(op):
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


def _python_implementations(op: str) -> list[types.FunctionType]:
    """PyTorch's Python implementations of ``aten::op``: registered decompositions and references of any
    of its overloads, and functions of the same name in the modules that hold them."""
    import sys

    found: list[Any] = []
    try:
        from torch._decomp import decomposition_table, global_decomposition_table
    except ImportError:
        return []
    for table in (decomposition_table, *global_decomposition_table.values()):
        for key, fn in table.items():
            schema = getattr(key, "_schema", None)
            if schema is not None and schema.name == f"aten::{op}":
                found.append(fn)
    for module_name in _PYTHON_IMPLEMENTATIONS:
        module = sys.modules.get(module_name)
        for name in (op, op.lstrip("_")):
            if module is not None and callable(getattr(module, name, None)):
                found.append(getattr(module, name))
    return [fn for fn in found if isinstance(fn, types.FunctionType)]


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
