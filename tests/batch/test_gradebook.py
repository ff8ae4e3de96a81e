"""The gradebook: results read back as written, resume decisions, atomic records, concurrent writers, and a
writer killed in the middle of a transaction."""

from __future__ import annotations

import json
import signal
import sqlite3
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest
from support.results import CONFIG, a_result

from autograder.batch.gradebook import Gradebook, Record
from autograder.core.result import CaseFailure, SubmissionResult
from autograder.core.status import SubmissionStatus

ROOT = Path(__file__).resolve().parents[2]


def test_result_round_trips_through_json() -> None:
    original = a_result()
    stored = json.loads(json.dumps(original.to_dict()))
    restored = SubmissionResult.from_dict(stored)
    assert restored.to_dict() == stored
    assert restored.score == original.score == 11.5
    assert isinstance(restored.exercises[0].smallest_failing_case, CaseFailure)
    assert restored.exercises[0].failures[0].line() == original.exercises[0].failures[0].line().replace(
        "(2, 3)", "[2, 3]")  # JSON has lists, not tuples
    assert restored.exercises[1].timing == original.exercises[1].timing


def test_record_and_read_back(tmp_path: Path) -> None:
    with Gradebook(tmp_path / "g.db") as book:
        run = book.start_run(CONFIG, "/class", "local:2", "grade-all")
        book.record(run, "k1", Record("ada", SubmissionStatus.GRADED, notes=["not UTF-8 text: x.py"],
                                      source="/class/ada",
                                      content_hash="h1", result=a_result(), seconds=1.5, started_at=10.0))
        book.record(run, "k1", Record("bob", "empty", "no .py or .ipynb file", source="/class/bob",
                                      content_hash="h0"))
        book.finish_run(run)
        ada, bob = book.current(["ada", "bob", "nobody"], "k1")
        assert ada.graded and ada.result.to_dict() == json.loads(json.dumps(a_result().to_dict()))
        assert ada.notes == ["not UTF-8 text: x.py"] and ada.seconds == 1.5 and ada.run_id == run
        assert not bob.graded and bob.status == "empty" and bob.result is None
        rows = book.exercise_rows(ada.id)
        assert [(r["exercise_id"], r["status"], r["score"]) for r in rows] == [
            ("conv_output_size", "failed", 3.5), ("gru_step", "too_slow", 8.0), ("tfidf", "missing", 0.0)]
        (recorded,) = book.runs()
        assert (recorded["seed"], recorded["kit_version"], recorded["status"]) == (7, "0.1.0", "finished")
        assert json.loads(recorded["exercises"]) == ["conv_output_size"]
    mode = sqlite3.connect(tmp_path / "g.db").execute("PRAGMA journal_mode").fetchone()[0]
    assert mode == "wal"


def test_what_is_done_and_what_is_graded_again(tmp_path: Path) -> None:
    with Gradebook(tmp_path / "g.db") as book:
        run = book.start_run(CONFIG, "/class", "local:1", "grade-all")
        book.record(run, "k1", Record("ada", SubmissionStatus.GRADED, content_hash="h1", result=a_result()))
        book.record(run, "k1", Record("bob", SubmissionStatus.ERROR, "the grading process died", content_hash="h2"))
        assert book.is_done("ada", "h1", "k1")
        assert not book.is_done("ada", "h1-changed", "k1")  # the files changed
        assert not book.is_done("ada", "h1", "k2")  # another seed, other exercises...
        assert not book.is_done("bob", "h2", "k1")  # grading failed: try again
        assert not book.is_done("carl", "h3", "k1")
        # a regrade adds a row; the latest is the current one, the history stays
        book.record(run, "k1", Record("ada", SubmissionStatus.GRADED, content_hash="h1", result=a_result(score=5)))
        assert book.latest("ada", "k1").result.score == 13
        assert book.count("ada") == 2


def test_a_record_is_all_or_nothing(tmp_path: Path) -> None:
    broken = a_result()
    broken.exercises.append(broken.exercises[0])  # the same exercise twice: its row is refused
    with Gradebook(tmp_path / "g.db") as book:
        run = book.start_run(CONFIG, "/class", "local:1", "grade-all")
        with pytest.raises(sqlite3.IntegrityError):
            book.record(run, "k1", Record("ada", SubmissionStatus.GRADED, content_hash="h1", result=broken))
        assert book.count() == 0 and book.latest("ada", "k1") is None
        book.record(run, "k1", Record("ada", SubmissionStatus.GRADED, content_hash="h1", result=a_result()))
        assert book.count() == 1


_WRITER = textwrap.dedent("""
    import sys, time
    sys.path.insert(0, sys.argv[1])
    from autograder.batch.gradebook import Gradebook, Record
    from support.results import CONFIG, a_result
    book = Gradebook(sys.argv[2])
    run = book.start_run(CONFIG, "/class", "local:1", "grade-all")
    name, count = sys.argv[3], int(sys.argv[4])
    if count < 0:  # hang inside the transaction, between the submission row and its exercise rows
        class Hangs:
            def __init__(self, db):
                self.db = db
            def __getattr__(self, name):
                return getattr(self.db, name)
            def executemany(self, *args):
                open(sys.argv[2] + ".inside", "w").close()
                time.sleep(600)
        book.db = Hangs(book.db)
        book.record(run, "k1", Record(name, "graded", content_hash="h", result=a_result(name)))
    for i in range(count):
        book.record(run, "k1", Record(f"{name}-{i}", "graded", content_hash=f"h{i}", result=a_result(name)))
    book.finish_run(run)
""")


def _writer(db: Path, name: str, count: int) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-c", _WRITER, str(ROOT / "tests"), str(db), name, str(count)],
                            cwd=ROOT)


def test_concurrent_writers_lose_nothing(tmp_path: Path) -> None:
    db = tmp_path / "g.db"
    Gradebook(db).close()
    writers = [_writer(db, f"w{n}", 40) for n in range(3)]
    assert [w.wait(timeout=120) for w in writers] == [0, 0, 0]
    with Gradebook(db) as book:
        assert book.count() == 120
        assert {r["status"] for r in book.runs()} == {"finished"}
        assert book.db.execute("SELECT COUNT(*) FROM exercise_results").fetchone()[0] == 360
        assert book.db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def test_a_writer_killed_inside_a_transaction_leaves_no_trace(tmp_path: Path) -> None:
    db = tmp_path / "g.db"
    with Gradebook(db) as book:
        run = book.start_run(CONFIG, "/class", "local:1", "grade-all")
        book.record(run, "k1", Record("before", SubmissionStatus.GRADED, content_hash="h", result=a_result()))
    writer = _writer(db, "victim", -1)
    deadline = time.monotonic() + 60
    while not Path(f"{db}.inside").exists():
        assert time.monotonic() < deadline and writer.poll() is None
        time.sleep(0.05)
    writer.send_signal(signal.SIGKILL)
    writer.wait()
    with Gradebook(db) as book:  # opening it recovers the write-ahead log
        assert book.latest("victim", "k1") is None
        assert book.latest("before", "k1").graded
        assert book.count() == 1
        assert book.db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert [r["status"] for r in book.runs()] == ["running", "running"]  # the killed run never finished


def test_the_secret_seed_is_drawn_once_kept_and_readable_only_by_its_owner(tmp_path: Path) -> None:
    path = tmp_path / "gradebook.db"
    with Gradebook(path) as book:
        seed, new = book.secret_seed()
        assert new and seed.bit_length() > 64  # 128 random bits: below 2**64 once in 2**64 draws
        assert book.secret_seed() == (seed, False)
    assert path.stat().st_mode & 0o777 == 0o600
    with Gradebook(path) as book:  # a resumed run
        assert book.secret_seed() == (seed, False)
    with Gradebook(tmp_path / "other.db") as other:
        assert other.secret_seed()[0] != seed


def test_a_gradebook_of_the_previous_schema_gains_the_secrets_table(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    with Gradebook(path) as book:
        book.db.execute("DROP TABLE secrets")
        book.db.execute("PRAGMA user_version=1")
        run = book.start_run(CONFIG, "/class", "local:1", "grade-all")
    with Gradebook(path) as book:
        assert book.secret_seed()[1] and [r["id"] for r in book.runs()] == [run]
