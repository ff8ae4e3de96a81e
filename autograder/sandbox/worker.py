"""The worker: the only process that runs student code.

It receives the submission's source files and the inputs of each call over its channel, runs the
student's function, and sends back what it returned (as plain data) or what it raised. It never sees a
reference output, a solution or a grade: the comparison happens in the grader.

Forbidden operators are unusable here, not merely watched (:mod:`autograder.sandbox.forbid`): an exercise's
guard holds on every thread, in the correctness phase and the timed phase alike. Only the files the
grader sent (and screened) can be imported from the submission, and no module written while the
submission runs can be imported at all (:mod:`autograder.sandbox.imports`).
"""

from __future__ import annotations

import argparse
import functools
import importlib.util
import itertools
import json
import operator
import os
import sys
import traceback
import types
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import torch

from autograder.core import collector, language
from autograder.core.messages import say
from autograder.core.spec import PROBES
from autograder.core.status import Reply
from autograder.notebooks import cells
from autograder.sandbox import forbid, imports, probes, protocol


def probe_drivers() -> dict[str, Any]:
    """Every driver of :mod:`autograder.sandbox.probes` by its path (``Exercise.probe``), taken when the
    worker starts: a submission that reaches the module and replaces a driver changes nothing the worker
    calls."""
    return {f"{PROBES}.{name}": value for name, value in vars(probes).items()
            if callable(value) and not name.startswith("_") and getattr(value, "__module__", None) == PROBES}


class Seal:
    """The kit's own modules (``autograder.*``) as they were before any student code ran, and what a
    submission changed in them since: a global or a class attribute replaced or removed (a driver, the
    guard's ``hold``, the worker's own lists), a module taken out of ``sys.modules``.

    It reads the worker's own process, where the student's code runs: it names ordinary patching, which
    has no other use in an answer; what keeps the guard and the drivers out of reach is that the worker
    installs the guard before the student's module runs and took the drivers beforehand."""

    def __init__(self) -> None:
        self.modules = {name: (module, dict(vars(module))) for name, module in list(sys.modules.items())
                        if name == "autograder" or name.startswith("autograder.")}
        self.classes = [(f"{name}.{key}", cls, dict(vars(cls))) for name, (_, names) in self.modules.items()
                        for key, cls in names.items() if isinstance(cls, type) and cls.__module__ == name]
        # its checks taken now, bound to this seal: a submission that replaces them on the class (it can reach
        # the class by a name built at run time) changes nothing the worker calls
        self.intact, self.changed = self.intact, self.changed  # type: ignore[method-assign]
        self._module_names = tuple(self.modules)
        self._module_objects = tuple(module for module, _ in self.modules.values())
        # each namespace's entries in their order: a namespace keeps its entries in the order they came, a
        # new one after them, and one removed takes its place from those that follow
        self._namespaces = [(namespace, tuple(names.values()), len(names)) for namespace, names in
                            [*((vars(module), names) for module, names in self.modules.values()),
                             *((vars(cls), names) for _, cls, names in self.classes)]]

    # The functions both methods use are bound when the kit is imported, as defaults: a submission that
    # replaces builtins.all or operator.is_ does not blind them, and the audit hook refuses changing a kit
    # function's defaults.
    def intact(self, _is: Any = operator.is_, _all: Any = all, _map: Any = map, _slice: Any = itertools.islice,
               _len: Any = len, _modules: Any = sys.modules) -> bool:
        """Whether nothing was changed since: the question every call asks, answered in C. Each namespace's
        first entries, in order, are the same objects as then (no entry looked up by its name: 0.06 to 0.08 ms
        a call in a forked worker, where looking its 808 names up took 0.09 to 0.17)."""
        if not _all(_map(_is, _map(_modules.get, self._module_names), self._module_objects)):
            return False
        for namespace, values, count in self._namespaces:
            # one entry fewer is a change; a removed one and a new one shift the entries after it
            if _len(namespace) < count or not _all(_map(_is, _slice(namespace.values(), count), values)):
                return False
        return True

    def changed(self, _sorted: Any = sorted, _set: Any = set, _vars: Any = vars, _modules: Any = sys.modules
                ) -> list[str]:
        """The names changed since, sorted (empty when nothing was)."""
        if self.intact():
            return []
        found = [name for name, (module, _) in self.modules.items() if _modules.get(name) is not module]
        for name, (module, names) in self.modules.items():
            found += _replaced(name, names, _vars(module))
        for name, cls, names in self.classes:
            found += _replaced(name, names, _vars(cls))
        return _sorted(_set(found)) or ["autograder"]  # changed, though no name says where: still a change


def _replaced(owner: str, before: dict[str, Any], now: Mapping[str, Any]) -> list[str]:
    """The names of ``before`` that ``now`` no longer holds, or holds another object under."""
    return [f"{owner}.{key}" for key, value in before.items() if now.get(key, _GONE) is not value]


_GONE = object()


class Worker:
    def __init__(self, role: str, seal: Seal | None = None) -> None:
        """``seal``: the kit's modules as they were before any student code ran, taken by the runner this
        worker was forked from (a worker started otherwise takes its own as it starts)."""
        self.role = role
        self.device = torch.device("cpu")  # each request that runs code names its device
        self.submission_dir = Path.cwd() / "submission"
        self.modules: dict[str, Any] = {}
        self.timed: tuple[Any, list[dict]] | None = None
        self.guard = forbid.Guard()
        self.imports = imports.ScreenedImports(self.submission_dir)
        self.drivers = probe_drivers()
        self.seal: Seal | None = None
        # the methods a request runs, taken now and bound to this worker: a submission that replaces them on the
        # class (reached by a name built at run time) changes nothing this worker calls
        for name, value in vars(Worker).items():
            if isinstance(value, types.FunctionType) and not name.startswith("__"):
                setattr(self, name, getattr(self, name))
        if role == "student":
            sys.meta_path.insert(0, self.imports)
            sys.dont_write_bytecode = True
            sys.addaudithook(_refuse_object_search)  # for the life of the process: a hook cannot be removed
            self.seal = seal if seal is not None else Seal()  # last: the worker's own set-up is not the student's

    # -- requests -------------------------------------------------------------------------------------
    def load(self, header: dict, tensors: dict) -> dict:
        # what this worker says to the student (a refused import, a probe's verdict) is said in the grader's
        # language; its catalogue is read before any submitted code runs
        language.use(header.get("lang") or "en")
        language.prepare()
        self.submission_dir.mkdir(exist_ok=True)
        for name, text in header["files"].items():
            (self.submission_dir / Path(name).name).write_text(text, encoding="utf-8")
            self.imports.allow(Path(name).name, text)
        sys.path.insert(0, str(self.submission_dir))
        return {"status": Reply.OK}

    def call(self, header: dict, tensors: dict) -> tuple[dict, dict]:
        self.device = torch.device(header["device"])
        probe = header.get("probe")
        if probe and probe not in self.drivers:
            return {"status": Reply.REFUSED, "message": f"no probe {probe!r}"}, {}
        # the guard first: the student's module runs (on its first call) with it in force
        self._hold(header.get("forbidden", []))
        fn, problem = self._target(header["target"])
        if problem:
            return self._refused() or (problem, {})
        if probe:
            fn = functools.partial(self.drivers[probe], self.modules[header["target"]["module"]])
        kwargs = protocol.to_device(protocol.decode(header["args"], tensors), self.device)
        self._seed()
        try:
            result = fn(**kwargs)
            self._synchronize()
        except BaseException as err:  # SystemExit and KeyboardInterrupt too: they are the student's
            return self._refused() or (self._raised(err), {})
        return self._refused() or self._returned(result)

    def _hold(self, forbidden: list[str]) -> None:
        if self.role == "student":
            self.guard.hold(forbidden)
        forbid.taken()  # what a thread left running did before this call is not this call's doing

    def _refused(self) -> tuple[dict, dict] | None:
        changed = self.seal.changed() if self.seal is not None else []
        if changed:
            return {"status": Reply.TAMPERED, "operators": changed[:5]}, {}
        operators = forbid.taken()
        return ({"status": Reply.FORBIDDEN, "operators": operators}, {}) if operators else None

    def time_load(self, header: dict, tensors: dict) -> dict:
        self.device = torch.device(header["device"])
        self._hold(header["target"].get("forbidden", []))
        fn, problem = self._target(header["target"])
        if problem:
            refused = self._refused()
            return refused[0] if refused else problem
        batch = [protocol.to_device(args, self.device) for args in protocol.decode(header["batch"], tensors)]
        self._synchronize()
        self.timed = (fn, batch)
        return {"status": Reply.OK}

    def time_run(self, header: dict, tensors: dict) -> tuple[dict, dict]:
        if self.timed is None:
            return {"status": Reply.REFUSED, "message": "time_run comes after time_load"}, {}
        fn, batch = self.timed
        self.timed = None
        self._seed()
        events = None
        if self.device.type == "cuda":
            # the grader's clock decides; the device's own time is reported beside it
            events = (torch.cuda.Event(enable_timing=True), torch.cuda.Event(enable_timing=True))
            events[0].record()
        try:
            results = [fn(**kwargs) for kwargs in batch]
            if events is not None:
                events[1].record()
            self._synchronize()
        except BaseException as err:
            return self._refused() or (self._raised(err), {})
        refused = self._refused()
        if refused:
            return refused
        header, tensors = self._returned(results)
        if events is not None:
            header["device_seconds"] = events[0].elapsed_time(events[1]) / 1000
        return header, tensors

    # -- helpers --------------------------------------------------------------------------------------
    def _target(self, target: dict) -> tuple[Any, dict | None]:
        if "exercise" in target:
            if self.role != "reference":
                return None, {"status": Reply.REFUSED, "message": "references run only in a reference worker"}
            from autograder.specs import get

            return get(target["exercise"]).reference, None
        module_name, function = target["module"], target["function"]
        module = self.modules.get(module_name)
        if module is None:
            module = self._import(module_name)
            if module is None:
                return None, {"status": Reply.MISSING_MODULE}
        if isinstance(module, BaseException):
            return None, self._raised(module, status=Reply.IMPORT_ERROR)
        fn = getattr(module, function, None)
        if not callable(fn):
            return None, {"status": Reply.MISSING_FUNCTION}
        return fn, None

    def _import(self, module_name: str) -> Any:
        """The submission's module, run (or what its import raised, kept: every call says the same); ``None``
        when the submission has no such module."""
        spec = self.imports.spec(module_name)
        if spec is None or spec.loader is None:
            return None
        try:
            module: Any = importlib.util.module_from_spec(spec)
            sys.modules[module_name] = module
            text = self.imports.source(module_name) or ""
            if cells.is_notebook_module(text):
                # a notebook: cell by cell; one that raises does not stop the rest
                cells.run(module, self.submission_dir / f"{module_name}.py", text)
            else:
                spec.loader.exec_module(module)
        except BaseException as err:
            sys.modules.pop(module_name, None)
            module = err
        # The guard is in force during the import (lifted, it would let the module capture what it refuses),
        # but what the import tried is not the function's answer: a notebook's self-check cell, or nbgrader's
        # test cell, that compares with PyTorch's own operator is refused there, and the function is graded
        forbid.taken()
        self.modules[module_name] = module
        return module

    def _seed(self) -> None:
        """``torch.manual_seed(0)`` on the devices a call can use: a student's own randomness is the same at
        every run. (``torch.manual_seed`` seeds MPS, XPU and MTIA too: 0.34 ms, a third of a small call.)"""
        torch.default_generator.manual_seed(0)
        if self.device.type == "cuda":
            torch.cuda.manual_seed_all(0)

    def _synchronize(self) -> None:
        if self.device.type == "cuda":
            torch.cuda.synchronize(self.device)

    def _returned(self, result: Any) -> tuple[dict, dict]:
        tensors: dict[str, torch.Tensor] = {}
        try:
            values, size = protocol.measure(result)
            if values > protocol.MAX_VALUES:
                raise ValueError(say("sandbox:returned_too_many_values", bound=protocol.MAX_VALUES))
            if size > protocol.MAX_MESSAGE_BYTES:
                raise protocol.ReplyTooLarge(say("sandbox:returned_too_large", size_mb=size >> 20,
                                     bound_mb=protocol.MAX_MESSAGE_BYTES >> 20))
            tree = protocol.encode(result, tensors)
            if len(json.dumps(tree)) > protocol.MAX_TREE_BYTES:
                raise ValueError(say("sandbox:returned_tree_too_large", bound_mb=protocol.MAX_TREE_BYTES >> 20))
        except BaseException as err:
            return self._raised(err, status=Reply.UNSENDABLE), {}
        return {"status": Reply.RETURNED, "value": tree}, tensors

    def _raised(self, err: BaseException, status: Reply = Reply.RAISED) -> dict:
        return {
            "status": status,
            "type": type(err).__name__,
            "mro": [cls.__name__ for cls in type(err).__mro__],
            "message": _safe_str(err),
            "traceback": self._student_traceback(err),
        }

    def _student_traceback(self, err: BaseException) -> str:
        """The traceback cut down to the student's own frames, with file names relative to the submission."""
        root = str(self.submission_dir)
        frames = [f for f in traceback.extract_tb(err.__traceback__) if f.filename.startswith(root)]
        for frame in frames:
            frame.filename = os.path.relpath(frame.filename, root)
        if isinstance(err, SyntaxError) and err.filename and err.filename.startswith(root):
            err.filename = os.path.relpath(err.filename, root)
        lines = traceback.format_list(frames) + traceback.format_exception_only(type(err), err)
        return "".join(lines)[-4000:]


# Walking every object of the interpreter is how code that escaped the screen (run with runpy from a file
# it wrote) would find the guard and lift it; no exercise needs it. Nor does replacing the code of the
# kit's own functions. The hook reads no global a submission could replace: its lists are in its code.
def _refuse_object_search(event: str, args: tuple) -> None:
    if event in ("gc.get_objects", "gc.get_referrers", "gc.get_referents"):
        raise RuntimeError(f"{event}() may not be used in a submission")
    if (event in ("object.__setattr__", "object.__delattr__") and isinstance(args[0], types.FunctionType)
            and str(getattr(args[0], "__module__", "")).startswith("autograder")):
        raise RuntimeError(f"the grader's own {args[0].__qualname__}() may not be changed by a submission")


def _safe_str(err: BaseException) -> str:
    try:
        return str(err)[:2000]
    except Exception:
        return say("sandbox:unprintable", type=type(err).__name__)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="autograder worker (started by the grader, not by hand)")
    parser.add_argument("--in", dest="fd_in", type=int, required=True)
    parser.add_argument("--out", dest="fd_out", type=int, required=True)
    parser.add_argument("--role", choices=["student", "reference"], required=True)
    args = parser.parse_args(argv)
    collector.resume()  # paused by the boot (autograder.sandbox.launcher) while this module imported PyTorch
    serve(Worker(args.role), args.fd_in, args.fd_out)


def serve(worker: Worker, fd_in: int, fd_out: int) -> None:
    """Answer requests until the grader closes the channel or says ``exit``."""
    handlers = {"load": worker.load, "call": worker.call, "time_load": worker.time_load,
                "time_run": worker.time_run}
    protocol.send(fd_out, {"status": Reply.READY})
    while True:
        try:
            header, tensors = protocol.receive(fd_in)
        except protocol.ChannelClosed:
            return
        op = header.get("op")
        if op == "exit":
            return
        try:
            reply = handlers[str(op)](header, tensors)
            reply_header, reply_tensors = reply if isinstance(reply, tuple) else (reply, {})
            protocol.send(fd_out, reply_header, reply_tensors)
        except MemoryError as err:  # the reply itself did not fit in the worker's memory bound
            protocol.send(fd_out, worker._raised(err, status=Reply.UNSENDABLE))


if __name__ == "__main__":
    main()
