"""A Dask worker with several threads grades one submission at a time: two never share its runner."""

from __future__ import annotations

import threading
import time

import pytest

from autograder.batch import cluster


def test_submissions_on_one_dask_worker_never_overlap(monkeypatch: pytest.MonkeyPatch) -> None:
    inside, overlapped = [], []

    class Box:
        def __init__(self, options) -> None:
            pass

        def grade(self, student_id: str, files: dict) -> dict:
            inside.append(student_id)
            if len(inside) > 1:
                overlapped.append(tuple(inside))
            time.sleep(0.05)
            inside.remove(student_id)
            return {"status": "graded"}

    monkeypatch.setattr(cluster, "GraderBox", Box)
    threads = [threading.Thread(target=cluster.grade_on_dask_worker, args=(f"s{i}", {}, {"fingerprint": "f"}))
               for i in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not overlapped and not inside
