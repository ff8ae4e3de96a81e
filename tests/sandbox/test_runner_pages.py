"""A batch's runner keeps its heap in huge pages (fewer page-table entries to copy at every fork); a runner
for one submission does not, and no worker sees the setting that asked for them."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from autograder.sandbox import launcher, protocol

_THP = Path("/sys/kernel/mm/transparent_hugepage/enabled")


def _huge_bytes(pid: int) -> int:
    with open(f"/proc/{pid}/smaps_rollup") as rollup:
        return next(int(line.split()[1]) << 10 for line in rollup if line.startswith("AnonHugePages:"))


def _heap_in_huge_pages_expected(mode: str) -> bool:
    """glibc reads ``glibc.malloc.hugetlb`` since 2.35; the kernel gives huge pages asked for unless ``never``."""
    version = os.confstr("CS_GNU_LIBC_VERSION") or ""
    major, minor = (int(part) for part in version.split()[-1].split(".")[:2]) if "glibc" in version else (0, 0)
    return (major, minor) >= (2, 35) and "[never]" not in mode


def _runner(batch: bool, monkeypatch) -> int:
    monkeypatch.setenv("AUTOGRADER_ISOLATION", "process")  # the runner is then the process started, not bwrap
    launcher.runner().stop()
    monkeypatch.setattr(launcher.runner(), "batch", False)
    launcher.prespawn("student", batch=batch)
    launcher.runner().wait_ready()
    proc = launcher.runner().proc
    assert proc is not None
    return proc.pid


@pytest.mark.grading
def test_a_batch_runner_has_its_heap_in_huge_pages_and_its_workers_do_not_see_why(monkeypatch) -> None:
    mode = _THP.read_text() if _THP.exists() else "[never]"
    try:
        single = _huge_bytes(_runner(False, monkeypatch))
        if "[always]" not in mode:
            assert single < 16 << 20, single  # a runner for one submission: small pages, as glibc gives them
        huge = _huge_bytes(_runner(True, monkeypatch))
        if _heap_in_huge_pages_expected(mode):
            assert huge >= 64 << 20, huge  # its heap is about 140 MB with PyTorch imported
        else:
            assert huge == 0 or "[always]" in mode, huge
        worker = launcher.WorkerProcess("student")
        worker.start()
        try:
            source = "import os\n\ndef tunables():\n    return os.environ.get('GLIBC_TUNABLES', 'unset')\n"
            reply, _ = worker.request({"op": "load", "files": {"env.py": source}}, timeout=60)
            assert reply["status"] == "ok"
            reply, tensors = worker.request({"op": "call", "device": "cpu", "args": protocol.encode({}, {}),
                                             "target": {"module": "env", "function": "tunables"}}, timeout=60)
            assert protocol.CallReply.read(reply, tensors).value == "unset"
        finally:
            worker.close()
    finally:
        launcher.runner().stop()
