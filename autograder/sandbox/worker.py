"""The worker: the only process that runs student code.

It receives the submission's source files and the inputs of each call over its channel, runs the
student's function, and sends back what it returned (as plain data) or what it raised. It never sees a
reference output, a solution or a grade: the comparison happens in the grader.

Forbidden operators are watched where calls really happen: PyTorch's profiler records every operator the
dispatcher runs (whatever Python name reached it: ``torch._VF.gru_cell``, ``torch.ops.aten.gru_cell``, an
``nn.GRUCell``), and a ``TorchFunctionMode`` sees Python-level functions such as
``F.multi_head_attention_forward`` that decompose into ordinary operators.
"""

from __future__ import annotations

import argparse
import functools
import importlib.util
import os
import sys
import traceback
from pathlib import Path
from typing import Any

import torch
from torch.overrides import TorchFunctionMode

from autograder.core.status import Reply
from autograder.notebooks import cells
from autograder.sandbox import protocol


class ForbiddenWatch(TorchFunctionMode):
    """Records which of the named Python-level torch functions were called, under any alias."""

    def __init__(self, dotted_paths: list[str]) -> None:
        super().__init__()
        self.targets: dict[int, str] = {}
        for path in dotted_paths:
            obj = _resolve(path)
            if obj is not None:
                self.targets[id(obj)] = path
        self.seen: set[str] = set()

    def __torch_function__(self, func, types, args=(), kwargs=None):
        name = self.targets.get(id(func))
        if name is not None:
            self.seen.add(name)
        return func(*args, **(kwargs or {}))


class DispatcherRecord:
    """The names of every operator PyTorch's dispatcher ran inside the ``with`` block.

    Uses the legacy (non-Kineto) profiler: Kineto costs a second of start-up in each fresh worker. Its raw
    records are read directly, which is ten times cheaper than building the profiler's event objects; on a
    PyTorch whose private profiler API differs, the public legacy profiler does the same job, slower.
    """

    def __init__(self) -> None:
        self.names: set[str] = set()

    def __enter__(self) -> DispatcherRecord:
        try:
            from torch.autograd import _enable_profiler_legacy
            from torch.autograd.profiler_legacy import profile as legacy_profile

            _enable_profiler_legacy(legacy_profile().config())
            self._public = None
        except (ImportError, AttributeError, TypeError, RuntimeError):
            self._public = torch.autograd.profiler.profile(use_kineto=False)
            self._public.__enter__()
        return self

    def __exit__(self, *exc: object) -> None:
        if self._public is not None:
            self._public.__exit__(*exc)
            self.names = {event.name for event in self._public.function_events}
            return
        from torch.autograd import _disable_profiler_legacy

        self.names = {event.name() for thread in _disable_profiler_legacy() for event in thread}


def _resolve(dotted: str) -> Any:
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


def probe_driver(path: str | None) -> Any:
    """The trusted driver of a probed exercise (``Exercise.probe``), or ``None`` for an ordinary one.

    It is imported before the student's module first runs and is called as ``driver(student_module,
    **inputs)`` in place of the student's function, under the same seed, watch and time limit. It measures
    inside this process, where the student's code may have patched torch: what it reports is untrusted
    data about the student's own answer, which the grader checks; it can reveal nothing, as the worker
    holds no secret (held-out labels stay in the grader).
    """
    if not path:
        return None
    from autograder.core.spec import resolve_probe

    return resolve_probe(path)


class Worker:
    def __init__(self, role: str) -> None:
        self.role = role
        self.device = torch.device("cpu")  # each request that runs code names its device
        self.submission_dir = Path.cwd() / "submission"
        self.modules: dict[str, Any] = {}
        self.timed: tuple[Any, list[dict]] | None = None

    # -- requests -------------------------------------------------------------------------------------
    def load(self, header: dict, tensors: dict) -> dict:
        self.submission_dir.mkdir(exist_ok=True)
        for name, text in header["files"].items():
            (self.submission_dir / Path(name).name).write_text(text, encoding="utf-8")
        sys.path.insert(0, str(self.submission_dir))
        return {"status": Reply.OK}

    def call(self, header: dict, tensors: dict) -> tuple[dict, dict]:
        self.device = torch.device(header["device"])
        driver = probe_driver(header.get("probe"))
        fn, problem = self._target(header["target"])
        if problem:
            return problem, {}
        if driver is not None:
            fn = functools.partial(driver, self.modules[header["target"]["module"]])
        kwargs = protocol.to_device(protocol.decode(header["args"], tensors), self.device)
        forbidden = header.get("forbidden", [])
        aten = {name for name in forbidden if name.startswith("aten::")}
        watch = ForbiddenWatch([name for name in forbidden if not name.startswith("aten::")])
        torch.manual_seed(0)  # a student's own randomness is the same at every run
        try:
            if forbidden:
                with DispatcherRecord() as record, watch:
                    result = fn(**kwargs)
                    self._synchronize()
                seen = watch.seen | (record.names & aten)
            else:
                result = fn(**kwargs)
                self._synchronize()
                seen = set()
        except BaseException as err:  # SystemExit and KeyboardInterrupt too: they are the student's
            return self._raised(err), {}
        if seen:
            return {"status": Reply.FORBIDDEN, "operators": sorted(seen)}, {}
        return self._returned(result)

    def time_load(self, header: dict, tensors: dict) -> dict:
        self.device = torch.device(header["device"])
        fn, problem = self._target(header["target"])
        if problem:
            return problem
        batch = [protocol.to_device(args, self.device) for args in protocol.decode(header["batch"], tensors)]
        self._synchronize()
        self.timed = (fn, batch)
        return {"status": Reply.OK}

    def time_run(self, header: dict, tensors: dict) -> tuple[dict, dict]:
        if self.timed is None:
            return {"status": Reply.REFUSED, "message": "time_run comes after time_load"}, {}
        fn, batch = self.timed
        self.timed = None
        torch.manual_seed(0)
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
            return self._raised(err), {}
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
            path = self.submission_dir / f"{module_name}.py"
            if not path.exists():
                return None, {"status": Reply.MISSING_MODULE}
            try:
                spec = importlib.util.spec_from_file_location(module_name, path)
                if spec is None or spec.loader is None:
                    raise ImportError(f"{module_name}.py cannot be loaded")
                module = importlib.util.module_from_spec(spec)
                sys.modules[module_name] = module
                if cells.is_notebook_module(path.read_text(encoding="utf-8")):
                    cells.run(module, path)  # a notebook: cell by cell; one that raises does not stop the rest
                else:
                    spec.loader.exec_module(module)
            except BaseException as err:
                sys.modules.pop(module_name, None)
                self.modules[module_name] = err
                return None, self._raised(err, status=Reply.IMPORT_ERROR)
            self.modules[module_name] = module
        if isinstance(module, BaseException):
            return None, self._raised(module, status=Reply.IMPORT_ERROR)
        fn = getattr(module, function, None)
        if not callable(fn):
            return None, {"status": Reply.MISSING_FUNCTION}
        return fn, None

    def _synchronize(self) -> None:
        if self.device.type == "cuda":
            torch.cuda.synchronize(self.device)

    def _returned(self, result: Any) -> tuple[dict, dict]:
        tensors: dict[str, torch.Tensor] = {}
        try:
            tree = protocol.encode(result, tensors)
            size = sum(t.numel() * t.element_size() for t in tensors.values())
            if size > protocol.MAX_MESSAGE_BYTES:
                raise ValueError(f"the returned value holds {size >> 20} MiB of tensors; the most a function "
                                 f"may return is {protocol.MAX_MESSAGE_BYTES >> 20} MiB")
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


def _safe_str(err: BaseException) -> str:
    try:
        return str(err)[:2000]
    except Exception:
        return f"<{type(err).__name__} whose message could not be printed>"


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="autograder worker (started by the grader, not by hand)")
    parser.add_argument("--in", dest="fd_in", type=int, required=True)
    parser.add_argument("--out", dest="fd_out", type=int, required=True)
    parser.add_argument("--role", choices=["student", "reference"], required=True)
    args = parser.parse_args(argv)
    worker = Worker(args.role)
    handlers = {"load": worker.load, "call": worker.call, "time_load": worker.time_load,
                "time_run": worker.time_run}
    protocol.send(args.fd_out, {"status": Reply.READY})
    while True:
        try:
            header, tensors = protocol.receive(args.fd_in)
        except protocol.ChannelClosed:
            return
        op = header.get("op")
        if op == "exit":
            return
        try:
            reply = handlers[str(op)](header, tensors)
            reply_header, reply_tensors = reply if isinstance(reply, tuple) else (reply, {})
            protocol.send(args.fd_out, reply_header, reply_tensors)
        except MemoryError as err:  # the reply itself did not fit in the worker's memory bound
            protocol.send(args.fd_out, worker._raised(err, status=Reply.UNSENDABLE))


if __name__ == "__main__":
    main()
