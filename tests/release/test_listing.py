"""``autograder/listing.py`` (what ``autograder list`` prints, without PyTorch) equals the specifications."""

from __future__ import annotations

import ast
from pathlib import Path

from autograder import listing as shipped
from autograder.release import listing
from autograder.specs import all_exercises


def test_the_listing_is_what_the_specifications_give() -> None:
    assert not listing.update(check=True), "autograder/listing.py is out of date: run make generate"
    assert [e["id"] for e in shipped.EXERCISES] == [ex.id for ex in all_exercises()]
    for entry, ex in zip(shipped.EXERCISES, all_exercises(), strict=True):
        assert (entry["module"], entry["function"], entry["points"], entry["summary"]) == \
            (ex.module, ex.function, ex.points, ex.summary)
        assert entry["timed"] == (ex.timing.budget if ex.timing else None)
        assert entry["needs"][0] == ex.function


def test_a_probed_exercise_needs_every_function_of_its_stub() -> None:
    assert set(shipped.get("train_lenet")["needs"]) >= {"build_lenet", "train"}
    assert shipped.get("gru_step")["needs"] == ("gru_step",)


def test_a_stale_listing_is_found_and_rewritten(tmp_path: Path) -> None:
    path = tmp_path / "listing.py"
    path.write_text("EXERCISES = ()\n")
    assert listing.update(path, check=True) and path.read_text() == "EXERCISES = ()\n"
    assert listing.update(path) and not listing.update(path, check=True)
    ast.parse(path.read_text())
