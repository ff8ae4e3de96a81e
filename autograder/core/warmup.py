"""Slow first uses, made in a thread while the grader waits for its workers to start.

A grader's first comparison makes ``torch.testing`` import ``torch.distributed.tensor`` (about a second), and
a reference that uses torchvision imports it on its first call (about two seconds, TorchDynamo included). Made
in the exercises' order, both sat on the critical path of a fresh ``grade``; made here, they overlap with the
runner's own start-up (several seconds: it imports PyTorch and torchvision). The grader waits for the thread
before any timing verdict, so that nothing of it runs beside a clock.
"""

from __future__ import annotations

import importlib
import threading
from collections.abc import Iterable

import torch

from autograder.core.compare import compare


class Warmup:
    """The first uses of one grader, each made once."""

    def __init__(self) -> None:
        self._made: set[str] = set()
        self._thread: threading.Thread | None = None

    def start(self, modules: Iterable[str]) -> None:
        """Make the first comparison and import ``modules`` in a thread, unless made already."""
        todo = [name for name in ("compare", *modules) if name not in self._made]
        if not todo:
            return
        self.wait()
        self._made.update(todo)
        self._thread = threading.Thread(target=_first_uses, args=(todo,), name="grader-warmup", daemon=True)
        self._thread.start()

    def wait(self) -> None:
        """Until the thread is done."""
        if self._thread is not None:
            self._thread.join()
            self._thread = None


def _first_uses(names: list[str]) -> None:
    for name in names:
        try:
            if name == "compare":
                compare(torch.zeros(1), torch.zeros(1), None, None)
            else:
                importlib.import_module(name)
        except Exception:  # noqa: BLE001 - a module that will not import says so where the reference imports it
            pass
