"""The collector paused while a kit process imports PyTorch, and what the imports made set aside."""

from __future__ import annotations

import gc

import pytest

from autograder.core import collector


def test_paused_stops_the_collector_inside_then_sets_what_was_made_aside_and_starts_it_again() -> None:
    assert gc.isenabled()
    frozen = gc.get_freeze_count()
    made: list[list[int]] = []
    try:
        with collector.paused():
            assert not gc.isenabled()
            made = [[] for _ in range(1000)]  # objects the collector tracks
        assert gc.isenabled()
        assert gc.get_freeze_count() >= frozen + len(made)
    finally:
        gc.enable()


def test_a_collector_that_was_off_stays_off() -> None:
    gc.disable()
    try:
        with collector.paused():
            pass
        assert not gc.isenabled()
        assert collector.pause() is False
        collector.resume(False)
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_the_collector_is_started_again_when_the_imports_raise() -> None:
    with pytest.raises(ImportError), collector.paused():
        raise ImportError("no such module")
    assert gc.isenabled()
