"""The gradebook: every run, every submission graded, and every exercise result with its feedback.

One SQLite file, in WAL mode. Each submission's grading is written in one transaction, result and
exercise rows together, the moment it is known: a grader killed at any instant leaves every finished
submission recorded and none half-recorded, and the next run grades only what is missing. Rows are never
updated in place; a student's current grade is their latest row for the same grading configuration (seed,
exercises, device, timing, and the engine's fingerprint), so a regrade keeps the history.
"""

from __future__ import annotations

import json
import os
import secrets
import sqlite3
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, cast

from autograder.core.result import SubmissionResult
from autograder.core.status import SubmissionStatus

SCHEMA_VERSION = 2  # 2: the secrets table

_SCHEMA = """
CREATE TABLE IF NOT EXISTS runs (
    id INTEGER PRIMARY KEY,
    started_at REAL NOT NULL,
    finished_at REAL,
    status TEXT NOT NULL,               -- running, finished, interrupted
    config_key TEXT NOT NULL,
    seed NOT NULL,                      -- the seed, or "secret:" and a digest of the secret one
    device TEXT NOT NULL,
    exercises TEXT NOT NULL,            -- JSON list of exercise ids, or null for all
    timing INTEGER NOT NULL,
    kit_version TEXT NOT NULL,
    kit_fingerprint TEXT NOT NULL,
    submissions_root TEXT NOT NULL,
    scheduler TEXT NOT NULL,            -- local:N or the Dask scheduler's address
    command TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS submissions (
    id INTEGER PRIMARY KEY,
    run_id INTEGER NOT NULL REFERENCES runs(id),
    student_id TEXT NOT NULL,
    config_key TEXT NOT NULL,
    content_hash TEXT NOT NULL,
    source TEXT NOT NULL,
    status TEXT NOT NULL,               -- graded, error, or why it could not be graded (empty, duplicate...)
    detail TEXT NOT NULL,
    notes TEXT NOT NULL,                -- JSON list
    score REAL,
    max_score REAL,
    seconds REAL,
    started_at REAL,
    finished_at REAL NOT NULL,
    result TEXT                         -- the SubmissionResult as JSON
);
CREATE TABLE IF NOT EXISTS secrets (
    name TEXT PRIMARY KEY,              -- "seed": final grading's seed, drawn once, the same on every run
    value TEXT NOT NULL,                -- hexadecimal
    created_at REAL NOT NULL
);
CREATE INDEX IF NOT EXISTS submissions_by_student ON submissions (student_id, config_key, id);
CREATE TABLE IF NOT EXISTS exercise_results (
    submission_id INTEGER NOT NULL REFERENCES submissions(id),
    position INTEGER NOT NULL,
    exercise_id TEXT NOT NULL,
    module TEXT NOT NULL,
    score REAL NOT NULL,
    max_score REAL NOT NULL,
    status TEXT NOT NULL,
    feedback TEXT NOT NULL,
    cases_passed INTEGER NOT NULL,
    cases_total INTEGER NOT NULL,
    PRIMARY KEY (submission_id, exercise_id)
);
"""


@dataclass
class Record:
    """One student's row: how their submission ended, and its result where it was graded."""

    student_id: str
    status: str  # an Entry: graded, error (retried by the next run), or why it could not be graded
    detail: str = ""
    notes: list[str] = field(default_factory=list)
    source: str = ""
    content_hash: str = ""
    result: SubmissionResult | None = None
    seconds: float | None = None
    started_at: float | None = None
    finished_at: float = 0.0
    run_id: int = 0
    id: int = 0

    @property
    def graded(self) -> bool:
        return self.status == SubmissionStatus.GRADED and self.result is not None

    @property
    def graded_result(self) -> SubmissionResult | None:
        """The result of a graded submission, None for any other: None exactly when ``graded`` is false."""
        return self.result if self.graded else None


class Gradebook:
    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        if not self.path.exists():
            # it keeps final grading's secret seed: only its owner may read it (SQLite gives the -wal and
            # -shm files the same permissions)
            os.close(os.open(self.path, os.O_CREAT | os.O_WRONLY, 0o600))
        # autocommit mode: every transaction below is opened and closed explicitly
        self.db = sqlite3.connect(self.path, timeout=60.0, isolation_level=None)
        self.db.row_factory = sqlite3.Row
        self.db.execute("PRAGMA journal_mode=WAL")
        self.db.execute("PRAGMA synchronous=FULL")
        self.db.execute("PRAGMA foreign_keys=ON")
        self.db.execute("PRAGMA busy_timeout=60000")
        with self._transaction():
            version = self.db.execute("PRAGMA user_version").fetchone()[0]
            if version > SCHEMA_VERSION:
                raise ValueError(f"{self.path} was written by a newer autograder (gradebook schema {version})")
            for statement in _SCHEMA.split(";"):
                if statement.strip():
                    self.db.execute(statement)
            self.db.execute(f"PRAGMA user_version={SCHEMA_VERSION}")

    def close(self) -> None:
        self.db.close()

    def __enter__(self) -> Gradebook:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _transaction(self) -> _Transaction:
        return _Transaction(self.db)

    # -- the secret seed ------------------------------------------------------------------------------
    def secret_seed(self) -> tuple[int, bool]:
        """Final grading's seed: 128 random bits, drawn on first use and kept here; and whether it was
        drawn now."""
        with self._transaction():
            row = self.db.execute("SELECT value FROM secrets WHERE name = 'seed'").fetchone()
            if row is not None:
                return int(row["value"], 16), False
            seed = secrets.randbits(128)
            self.db.execute("INSERT INTO secrets (name, value, created_at) VALUES ('seed', ?, ?)",
                            (f"{seed:032x}", time.time()))
            return seed, True

    # -- runs -----------------------------------------------------------------------------------------
    def start_run(self, config: dict[str, Any], root: str, scheduler: str, command: str) -> int:
        """Record a run; ``config`` holds ``key``, ``seed``, ``device``, ``exercises``, ``timing``,
        ``kit_version`` and ``kit_fingerprint``."""
        with self._transaction():
            cursor = self.db.execute(
                "INSERT INTO runs (started_at, status, config_key, seed, device, exercises, timing, kit_version,"
                " kit_fingerprint, submissions_root, scheduler, command) VALUES (?, 'running', ?, ?, ?, ?, ?, ?, ?,"
                " ?, ?, ?)",
                (time.time(), config["key"], config["seed"], config["device"], json.dumps(config["exercises"]),
                 int(config["timing"]), config["kit_version"], config["kit_fingerprint"], root, scheduler, command))
            return _inserted_id(cursor)

    def finish_run(self, run_id: int, status: str = "finished") -> None:
        with self._transaction():
            self.db.execute("UPDATE runs SET finished_at = ?, status = ? WHERE id = ?", (time.time(), status, run_id))

    def runs(self) -> list[dict[str, Any]]:
        return [dict(row) for row in self.db.execute("SELECT * FROM runs ORDER BY id")]

    def students(self, config_key: str) -> list[str]:
        """Every student with a row under this configuration, sorted by id."""
        return [row[0] for row in self.db.execute(
            "SELECT DISTINCT student_id FROM submissions WHERE config_key = ? ORDER BY student_id", (config_key,))]

    def class_of_latest_run(self) -> tuple[dict[str, Any], list[Record]] | None:
        """The latest run, and each student's current row under its configuration (what its exports
        hold); ``None`` when no run was recorded."""
        row = self.db.execute("SELECT * FROM runs ORDER BY id DESC LIMIT 1").fetchone()
        if row is None:
            return None
        run = dict(row)
        return run, self.current(self.students(run["config_key"]), run["config_key"])

    # -- submissions ----------------------------------------------------------------------------------
    def record(self, run_id: int, config_key: str, record: Record) -> int:
        """Store one submission's outcome and its exercise results, all or nothing."""
        result = record.result
        with self._transaction():
            cursor = self.db.execute(
                "INSERT INTO submissions (run_id, student_id, config_key, content_hash, source, status, detail,"
                " notes, score, max_score, seconds, started_at, finished_at, result)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (run_id, record.student_id, config_key, record.content_hash, record.source, record.status,
                 record.detail, json.dumps(record.notes), result.score if result else None,
                 result.max_score if result else None, record.seconds, record.started_at,
                 record.finished_at or time.time(), json.dumps(result.to_dict()) if result else None))
            submission_id = _inserted_id(cursor)
            if result is not None:
                self.db.executemany(
                    "INSERT INTO exercise_results (submission_id, position, exercise_id, module, score, max_score,"
                    " status, feedback, cases_passed, cases_total) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    [(submission_id, i, e.id, e.module, e.score, e.max_score, e.status, e.feedback, e.cases_passed,
                      e.cases_total) for i, e in enumerate(result.exercises)])
            return submission_id

    def latest(self, student_id: str, config_key: str) -> Record | None:
        """The student's most recent row under this configuration."""
        row = self.db.execute(
            "SELECT * FROM submissions WHERE student_id = ? AND config_key = ? ORDER BY id DESC LIMIT 1",
            (student_id, config_key)).fetchone()
        return _record(row) if row is not None else None

    def is_done(self, student_id: str, content_hash: str, config_key: str) -> bool:
        """Already graded (or found ungradable) with these very files and this configuration; a grading
        that failed (``error``) is never done."""
        row = self.db.execute(
            "SELECT content_hash, status FROM submissions WHERE student_id = ? AND config_key = ?"
            " ORDER BY id DESC LIMIT 1", (student_id, config_key)).fetchone()
        return row is not None and row["content_hash"] == content_hash and row["status"] != SubmissionStatus.ERROR

    def current(self, student_ids: list[str], config_key: str) -> list[Record]:
        """The latest row of each of these students under this configuration, in the order given."""
        records = []
        for student_id in student_ids:
            record = self.latest(student_id, config_key)
            if record is not None:
                records.append(record)
        return records

    def count(self, student_id: str | None = None, status: str | None = None) -> int:
        query, args = "SELECT COUNT(*) FROM submissions WHERE 1", []
        if student_id is not None:
            query += " AND student_id = ?"
            args.append(student_id)
        if status is not None:
            query += " AND status = ?"
            args.append(status)
        return int(self.db.execute(query, args).fetchone()[0])

    def exercise_rows(self, submission_id: int) -> list[dict[str, Any]]:
        return [dict(row) for row in self.db.execute(
            "SELECT * FROM exercise_results WHERE submission_id = ? ORDER BY position", (submission_id,))]


class _Transaction:
    """``BEGIN IMMEDIATE`` ... ``COMMIT``, or ``ROLLBACK`` on an exception: the write lock is taken at the
    start, so two grade-all runs sharing a gradebook wait for each other instead of failing mid-way."""

    def __init__(self, db: sqlite3.Connection) -> None:
        self.db = db

    def __enter__(self) -> None:
        self.db.execute("BEGIN IMMEDIATE")

    def __exit__(self, exc_type: type[BaseException] | None, *exc: object) -> None:
        self.db.execute("ROLLBACK" if exc_type is not None else "COMMIT")


def _inserted_id(cursor: sqlite3.Cursor) -> int:
    """The id of the row an ``INSERT`` on ``cursor`` just wrote."""
    # typeshed types lastrowid as int | None (None before any statement ran); after an INSERT it is the new id
    return int(cast(int, cursor.lastrowid))


def _record(row: sqlite3.Row) -> Record:
    result = SubmissionResult.from_dict(json.loads(row["result"])) if row["result"] else None
    return Record(student_id=row["student_id"], status=row["status"], detail=row["detail"],
                  notes=json.loads(row["notes"]), source=row["source"], content_hash=row["content_hash"],
                  result=result, seconds=row["seconds"], started_at=row["started_at"],
                  finished_at=row["finished_at"], run_id=row["run_id"], id=row["id"])
