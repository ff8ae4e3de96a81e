"""Reading a submission: only regular files, never through a link, never blocking, bounded in size and count."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from autograder.core import submission
from autograder.core.submission import read_submission

ROOT = Path(__file__).resolve().parents[2]


def test_links_fifos_and_folders_named_like_modules_are_noted_not_read(tmp_path: Path) -> None:
    (tmp_path / "rnn.py").write_text("def gru_step(x, h):\n    return h\n")
    (tmp_path / "cnn.py").symlink_to(ROOT / "solutions" / "cnn.py")  # the answer key, one link away
    (tmp_path / "nlp.py").symlink_to(tmp_path / "rnn.py")  # even a link inside the submission
    os.mkfifo(tmp_path / "attention.py")  # opening it for reading would block for ever
    (tmp_path / "basics.py").mkdir()
    texts, unreadable = read_submission(tmp_path)
    assert sorted(texts) == ["rnn.py"]
    assert "symbolic link" in unreadable["cnn"] and "symbolic link" in unreadable["nlp"]
    assert "not a regular file" in unreadable["attention"] and "basics" in unreadable


def test_the_path_the_instructor_names_may_itself_be_a_link(tmp_path: Path) -> None:
    (tmp_path / "real.py").write_text("x = 1\n")
    (tmp_path / "rnn.py").symlink_to(tmp_path / "real.py")
    texts, unreadable = read_submission(tmp_path / "rnn.py")
    assert texts == {"rnn.py": "x = 1\n"} and not unreadable


def test_an_oversized_module_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(submission, "MAX_FILE_BYTES", 100)
    (tmp_path / "rnn.py").write_text("#" * 101)
    _, unreadable = read_submission(tmp_path)
    assert "larger than" in unreadable["rnn"]


def test_a_folder_of_many_files_is_looked_at_once_and_capped(tmp_path: Path) -> None:
    for i in range(submission.MAX_FILES + 50):
        (tmp_path / f"m{i:04d}.py").write_text("")
    for i in range(2000):
        (tmp_path / f"data{i}.txt").write_text("")
    texts, _ = read_submission(tmp_path)
    assert len(texts) == submission.MAX_FILES
