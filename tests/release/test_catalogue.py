"""The README's exercise table and totals: rendered from the specifications, and the committed README agrees."""

from __future__ import annotations

from pathlib import Path

import pytest

from autograder.core.spec import Case, Exercise, Timing
from autograder.release import catalogue

FIXTURES = {"correct": 3, "wrong": 5, "forbidden": 1, "slow": 1, "total": 10}


def _exercise(exercise_id: str, module: str, summary: str, note: str, points: float,
              timing: Timing | None) -> Exercise:
    return Exercise(id=exercise_id, module=module, summary=summary, reference_note=note, points=points,
                    reference=lambda x: x, make_inputs=lambda params, gen: {"x": params["n"]},
                    edge_cases=(Case("one", {"n": 1}),), timing=timing)


FAKE = [_exercise("absolute", "basics", "|x| elementwise", "`torch.abs`", 3, Timing({"n": 100}, budget=10.0)),
        _exercise("count", "words", "how many words", "hand-written, checked against `len(s.split())` | wc", 2.5,
                  None)]


def test_the_committed_readme_region_is_what_the_specs_render() -> None:
    assert not catalogue.update(catalogue.README, check=True), (
        "README.md's exercise table or totals differ from what autograder/specs and tests/variants give: "
        "run `make generate` (never edit between the exercises:begin/end markers by hand)")


def test_a_table_row_per_exercise_in_order_with_its_reference_and_timing_budget() -> None:
    lines = catalogue.table(FAKE).splitlines()
    assert lines == [
        "| module | exercise | points | what it asks | reference | timed |",
        "|---|---|---|---|---|---|",
        "| `basics.py` | `absolute` | 3 | \\|x\\| elementwise | `torch.abs` | ≤10x |",  # a bare | would end the cell
        "| `words.py` | `count` | 2.5 | how many words | hand-written, checked against `len(s.split())` \\| wc | - |",
    ]


def test_totals_count_exercises_modules_points_and_fixtures_of_each_kind() -> None:
    text = " ".join(catalogue.totals(FAKE, FIXTURES).split())
    assert text.startswith("2 exercises in 2 modules, 5.5 points.")
    assert "holds 10 graded fixtures: 5 wrong answers (" in text
    assert "; 3 correct answers written differently" in text
    assert "; 1 use of the reference under another name, each `forbidden`" in text
    assert "; 1 element-by-element loop, each `too_slow`." in text
    assert " ".join(catalogue.totals(FAKE[:1], FIXTURES).split()).startswith("1 exercise in 1 module, 3 points.")
    assert all(len(line) <= catalogue.WIDTH for line in catalogue.totals(FAKE, FIXTURES).splitlines())


def test_fixtures_are_counted_by_the_kind_their_name_starts_with(tmp_path: Path) -> None:
    for name in ("a/correct_loop", "a/correct_numpy", "a/wrong_sign", "b/slow_loops", "b/wrong_axis"):
        (tmp_path / f"{name}.py").parent.mkdir(exist_ok=True)
        (tmp_path / f"{name}.py").write_text("")
    (tmp_path / "a" / "notes.txt").write_text("")
    assert catalogue.fixture_counts(tmp_path) == {"correct": 2, "wrong": 2, "forbidden": 0, "slow": 1, "total": 5}


def test_only_the_region_between_the_markers_is_replaced() -> None:
    text = f"# Title\n\nbefore\n{catalogue.BEGIN}\nold table\n{catalogue.END}\nafter\n"
    assert catalogue.splice(text, "new") == f"# Title\n\nbefore\n{catalogue.BEGIN}\nnew\n{catalogue.END}\nafter\n"
    begin, end = catalogue.BEGIN, catalogue.END
    for broken in ("no markers", f"{end}\n{begin}", f"{begin}{begin}{end}", f"{begin}{end}{end}"):
        with pytest.raises(ValueError, match="exactly one"):
            catalogue.splice(broken, "new")


def test_check_writes_nothing_and_fails_on_a_stale_table_which_a_run_then_fixes(tmp_path: Path, capsys) -> None:
    readme = tmp_path / "README.md"
    row = "| `cnn.py` | `conv2d` | 15 |"
    current = catalogue.splice(catalogue.README.read_text(encoding="utf-8"), catalogue.current())
    stale = current.replace(row, "| `cnn.py` | `conv2d` | 99 |")
    assert stale != current
    readme.write_text(stale, encoding="utf-8")
    assert catalogue.main(["--check", "--readme", str(readme)]) == 1
    assert "make generate" in capsys.readouterr().out
    assert readme.read_text(encoding="utf-8") == stale
    assert catalogue.main(["--readme", str(readme)]) == 0
    assert readme.read_text(encoding="utf-8") == current
    assert catalogue.main(["--check", "--readme", str(readme)]) == 0
