"""The student's view and the instructor's table on a real terminal: what a student's feedback, exception
type names, traceback and folder name can and cannot do there."""

from __future__ import annotations

import io
import re

from rich.console import Console
from support.hostile import (
    RICH_LINK,
    TERMINAL_CONTROLS,
    assert_nothing_acts,
    hostile_result,
    on_terminal,
    terminal_console,
)
from support.results import a_result

from autograder.render.terminal import class_table, show_result


def test_hostile_feedback_and_traceback_act_on_nothing() -> None:
    console = terminal_console()
    show_result(hostile_result(), console)
    shown = on_terminal(console)
    assert_nothing_acts(shown)
    assert "\x1b]8;" not in console.file.getvalue() and RICH_LINK in shown  # no hyperlink: the markup shows
    assert "\\x9b31m\\x07\n  passed" in shown  # a carriage return ends a line of feedback: it overwrites nothing
    assert "Total: 3/18" in shown


def test_a_hostile_folder_name_in_the_class_table() -> None:
    console = terminal_console()
    class_table([(f"{RICH_LINK}\x1b[2J\x1b[H All submissions graded", hostile_result()), ("ada", a_result())],
                console)
    shown = on_terminal(console)
    # a long name folds onto the next lines of its cell: read it whole again (the cells below the header rule)
    below = shown.rsplit("─", 1)[1].splitlines()
    name = " ".join(re.split(r"\s{2,}", line.strip())[0] for line in below
                    if line.strip() and not line.startswith(("ada", "out of")))
    assert_nothing_acts(name)
    assert not TERMINAL_CONTROLS.search(shown)
    assert "\x1b]8;" not in console.file.getvalue() and "[link=http://x]click" in name


def test_an_honest_result_reads_as_before() -> None:
    console = Console(file=io.StringIO(), width=120)
    show_result(a_result(), console)
    assert console.file.getvalue().splitlines() == [
        "conv_output_size  3.5/5    failed          2 of 20 cases fail",
        "gru_step          8/10   too slow        correct but 40x slower",
        "tfidf             0/5    missing         no file nlp.py in the submission",
        "",
        "conv_output_size (cnn.py): failed",
        "  your code raised:",
        '    File "cnn.py", line 3',
        "    ValueError: no",
        "",
        "gru_step (rnn.py): too slow",
        "",
        "Total: 11.5/20  (isolation: bubblewrap)",
    ]


def test_the_class_table_of_the_whole_course_reads_at_100_columns() -> None:
    from autograder.core.result import ExerciseResult, SubmissionResult
    from autograder.specs import all_exercises

    def graded(share: float) -> SubmissionResult:
        return SubmissionResult("x", 0, "cpu", [ExerciseResult(e.id, e.module, share * e.points, e.points, "passed", "")
                                                for e in all_exercises()], "0.1.0", "bubblewrap")

    console = Console(file=io.StringIO(), width=160)
    class_table([("ada", graded(1.0)), ("alan", graded(0.0)), ("katherine", graded(0.5))], console)
    lines = console.file.getvalue().splitlines()
    assert max(map(len, lines)) <= 100 and "…" not in "".join(lines)
    rows = {line.split()[0]: line.split()[1:] for line in lines if line.split()[:1] in (["ada"], ["katherine"])}
    modules = list(dict.fromkeys(e.module for e in all_exercises()))
    total = sum(e.points for e in all_exercises())
    assert len(rows["ada"]) == len(modules) + 1 and rows["ada"][-1] == f"{total:g}"  # a total per module, and in all
    assert rows["katherine"][-1] == f"{total / 2:g}"
