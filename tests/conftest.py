from __future__ import annotations

import gc
import os

import pytest

from autograder.core.grader import Grader
from autograder.sandbox import launcher


@pytest.fixture(scope="session")
def grader():
    """One grader for the whole run (of each xdist process): its trusted reference worker is started once."""
    with Grader(seed=0, device="cpu") as g:
        yield g


@pytest.fixture(scope="session", autouse=True)
def _a_private_grading_service(tmp_path_factory):
    """A check that uses the warm grading service (a notebook's check(), `autograder check`) starts it in
    a folder of this run, never the user's own, and it is stopped when the run ends."""
    folder = tmp_path_factory.getbasetemp() / "grading-service"
    old = os.environ.get("AUTOGRADER_SERVICE_DIR")
    os.environ["AUTOGRADER_SERVICE_DIR"] = str(folder)
    yield
    from autograder.service import client

    client.stop(folder)
    if old is None:
        os.environ.pop("AUTOGRADER_SERVICE_DIR", None)
    else:
        os.environ["AUTOGRADER_SERVICE_DIR"] = old


@pytest.fixture(autouse=True)
def _workers_only_for_grading_tests(request, monkeypatch) -> None:
    """A test not marked ``grading`` may not start a worker or the runner: the mark is what keeps
    ``make test-fast`` free of real gradings, so a test that grades must say so."""
    if request.node.get_closest_marker("grading") is not None:
        return

    def refuse(*args, **kwargs):
        pytest.fail(f"{request.node.nodeid} starts a worker process: mark it @pytest.mark.grading", pytrace=False)

    monkeypatch.setattr(launcher.WorkerProcess, "spawn", refuse)
    monkeypatch.setattr(type(launcher.runner()), "spawn", refuse)


def pytest_configure(config: pytest.Config) -> None:
    """Collection imports PyTorch, nbformat and the kit with the collector paused, as the kit's own processes
    do (autograder.core.collector). Not in the controller of a parallel run, which collects nothing."""
    if hasattr(config, "workerinput") or not getattr(config.option, "numprocesses", None):
        gc.disable()


def pytest_collection_finish(session: pytest.Session) -> None:
    """What collection imported (a million objects) is then set aside from the collector, which would otherwise
    walk it at every full collection of a run of two thousand tests."""
    gc.freeze()
    gc.enable()


# -- a parallel run (make test: pytest -n 2) ---------------------------------------------------------------
def _seconds(item: pytest.Item) -> float:
    """How long a test takes, roughly: the ``slow`` mark's ``seconds``, 10 for a slow test without one."""
    slow = item.get_closest_marker("slow")
    return 0.0 if slow is None else float(slow.kwargs.get("seconds", 10))


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """The longest tests first (a class's tests together, as long as they all take), otherwise in their order,
    so that the processes of a parallel run, which take tests in this order, finish together rather than one
    waiting on the other's last long test."""
    units: dict[object, list[pytest.Item]] = {}
    for item in items:
        units.setdefault(getattr(item, "cls", None) or item, []).append(item)
    longest_first = sorted(units.values(), key=lambda unit: sum(map(_seconds, unit)), reverse=True)
    items[:] = [item for unit in longest_first for item in unit]


@pytest.hookimpl(optionalhook=True)  # a hook of pytest-xdist: unknown without it (-p no:xdist)
def pytest_xdist_make_scheduler(config, log):
    """With ``-n``: the tests of a class run in one process, one after the other (they share its fixtures, a
    graded class say); every other test goes to whichever process is free, in the order above.

    ``--dist loadgroup`` with ``xdist_group`` marks would say the same, but pytest-xdist 3.8 groups by
    rewriting node ids, which pytest 9.2 no longer lets it do: the marks are silently ignored
    (pytest-dev/pytest-xdist#1386)."""
    if config.getvalue("dist") != "load":
        return None
    from xdist.scheduler import LoadScopeScheduling

    class ClassScheduling(LoadScopeScheduling):
        def _split_scope(self, nodeid: str) -> str:
            path, _, rest = nodeid.partition("::")
            cls, nested, _ = rest.partition("::")
            return f"{path}::{cls}" if nested else nodeid

    config.option.loadscopereorder = False  # in the order of the tests, not by the number in each class
    return ClassScheduling(config, log)
