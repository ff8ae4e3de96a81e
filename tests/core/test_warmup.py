"""The grader's slow first uses, made in a thread while its workers start."""

from __future__ import annotations

import sys
import threading

from autograder.core import warmup


def test_the_modules_are_imported_in_a_thread_that_wait_joins(monkeypatch) -> None:
    seen: list[str] = []
    real = warmup.importlib.import_module

    def watched(name: str):
        seen.append(threading.current_thread().name)
        return real(name)

    monkeypatch.setattr(warmup.importlib, "import_module", watched)
    sys.modules.pop("xml.dom.minidom", None)
    made = warmup.Warmup()
    made.start(["xml.dom.minidom", "no_such_module_anywhere"])  # one that will not import is passed over
    made.wait()
    assert "xml.dom.minidom" in sys.modules
    assert seen == ["grader-warmup", "grader-warmup"]


def test_each_first_use_is_made_once_per_grader(monkeypatch) -> None:
    calls: list[list[str]] = []
    monkeypatch.setattr(warmup, "_first_uses", calls.append)
    made = warmup.Warmup()
    made.start(["a", "b"])
    made.start(["b", "a"])
    made.start(["c"])
    made.wait()
    assert calls == [["compare", "a", "b"], ["c"]]
