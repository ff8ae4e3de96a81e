"""The exports of a graded class: CSV, per-student JSON, Gradescope results.json, JUnit XML, Markdown.

The records here are built by hand to hold every exercise status and every way a submission can fail to be
graded; the validators (``tests/support/exports.py``) are the ones ``tests/batch/test_bulk.py`` runs on the
exports of a really graded class.
"""

from __future__ import annotations

import csv
import io
import json
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from rich.console import Console
from support.exports import check_csv, check_gradescope, check_junit
from support.hostile import (
    CLEAR_AND_FORGE,
    FORMULA_IDS,
    HOSTILE_TYPE,
    RICH_LINK,
    TERMINAL_CONTROLS,
    assert_nothing_acts,
    hostile_result,
    markdown_tokens,
    on_terminal,
    rendered_text,
    terminal_console,
)

from autograder.batch import exports
from autograder.batch.gradebook import Record
from autograder.core import language
from autograder.core.result import CaseFailure, ExerciseResult, SubmissionResult
from autograder.render.safe_text import visible
from autograder.specs import all_exercises

EXERCISES = [ex for ex in all_exercises() if ex.id in ("conv_output_size", "gru_step", "linear_beta_schedule")]


def _exercise(id_: str, status: str, score: float, feedback: str = "", **extra) -> ExerciseResult:
    ex = next(e for e in EXERCISES if e.id == id_)
    return ExerciseResult(id=id_, module=ex.module, score=score, max_score=ex.points, status=status,
                          feedback=feedback or status, **extra)


def _graded(student: str, *exercises: ExerciseResult, notes: list[str] | None = None) -> Record:
    result = SubmissionResult(submission=student, seed=0, device="cpu", exercises=list(exercises),
                              kit_version="0.1.0", isolation="process")
    return Record(student, "graded", notes=notes or [], source=f"/class/{student}", content_hash="ab" * 32,
                  result=result, seconds=1.4, finished_at=1.0, run_id=1)


def hand_made_records() -> list[Record]:
    dilation = CaseFailure("dilation", {"input_size": 11, "dilation": 4}, "expected 3, got 9")
    syntax = CaseFailure("import", {}, "invalid syntax", 'File "rnn.py", line 1\nSyntaxError: invalid syntax')
    return [
        _graded("ada", _exercise("conv_output_size", "passed", 5), _exercise("gru_step", "passed", 10),
                _exercise("linear_beta_schedule", "passed", 3)),
        _graded("grace", _exercise("conv_output_size", "failed", 3.5, "2 of 20 cases fail\ncase ...",
                                   failures=[dilation], smallest_failing_case=dilation, cases_passed=18,
                                   cases_total=20),
                _exercise("gru_step", "error", 0, "rnn.py could not be imported: SyntaxError", failures=[syntax]),
                _exercise("linear_beta_schedule", "too_slow", 2.4, "correct but 40x slower")),
        _graded("john | <b>", _exercise("conv_output_size", "failed", 4, "1 of 20 cases fail",
                                        failures=[dilation]),
                _exercise("gru_step", "forbidden", 0), _exercise("linear_beta_schedule", "timeout", 1.0,
                                                                 "did not return \x1b[31m\x00 within 2 s"),
                notes=["not UTF-8 text: extra.py"]),
        _graded("katherine", _exercise("conv_output_size", "missing", 0, "no file cnn.py in the submission"),
                _exercise("gru_step", "not_implemented", 0), _exercise("linear_beta_schedule", "passed", 3)),
        Record("p_empty", "empty", "no .py or .ipynb file in the submission", source="/class/p_empty"),
        Record("p_twice", "duplicate", "the student id 'p_twice' is given by 2 entries", source="/class/p_twice"),
        Record("p_crash", "error", "the grading process was killed by signal SIGKILL while grading this submission"),
    ]


def test_csv_one_row_per_student_with_blanks_for_the_ungraded() -> None:
    records = hand_made_records()
    rows = check_csv(exports.grades_csv(records, EXERCISES), records, [ex.id for ex in EXERCISES])
    by_id = {r["student_id"]: r for r in rows}
    assert by_id["ada"]["total"] == "18" and by_id["ada"]["max"] == "18"
    assert by_id["grace"]["conv_output_size"] == "3.5" and by_id["grace"]["linear_beta_schedule"] == "2.4"
    assert by_id["john | <b>"]["note"] == "not UTF-8 text: extra.py"
    assert by_id["p_empty"]["max"] == "18" and by_id["p_empty"]["status"] == "empty"


def test_gradescope_results_follow_the_contract() -> None:
    for record in hand_made_records():
        data = exports.gradescope_json(record, EXERCISES)
        check_gradescope(data)
        assert [t["max_score"] for t in data["tests"]] == [ex.points for ex in EXERCISES]
        assert "seed" not in json.dumps(data)  # the seed is the secret of final grading
        if not record.graded:
            assert data["score"] == 0 and record.status in data["output"]
    grace = exports.gradescope_json(hand_made_records()[1], EXERCISES)
    assert grace["score"] == 5.9
    assert [t["status"] for t in grace["tests"]] == ["failed", "failed", "failed"]
    assert grace["tests"][0]["output"].startswith("failed: 2 of 20 cases fail")
    assert grace["tests"][1]["tags"] == ["rnn", "error"]


def test_junit_parses_and_counts_failures_and_errors() -> None:
    records = hand_made_records()
    root = check_junit(exports.junit_xml(records, EXERCISES), records)
    john = root.findall("testsuite")[2]
    timeout = next(c for c in john.findall("testcase") if c.get("name") == "linear_beta_schedule")
    assert timeout.find("error").get("type") == "timeout"
    assert "\x00" not in timeout.find("error").text and "within 2 s" in timeout.find("error").text
    forbidden = next(c for c in john.findall("testcase") if c.get("name") == "gru_step")
    assert forbidden.find("failure").get("type") == "forbidden"
    assert {p.get("name"): p.get("value") for p in root.find("testsuite").iter("property")} == {
        "status": "graded", "score": "18", "max_score": "18"}


def test_summary_figures() -> None:
    summary = exports.summarize(hand_made_records(), EXERCISES)
    assert (summary.students, summary.graded) == (7, 4)
    assert dict(summary.not_graded) == {"empty": 1, "duplicate": 1, "error": 1}
    totals = [18, 5.9, 5, 3]
    assert summary.mean == pytest.approx(sum(totals) / 4, abs=0.01) and summary.median == pytest.approx(5.45)
    conv, gru, linear = summary.exercises
    assert (conv.passed, conv.graded) == (1, 4)
    assert conv.most_common_failure == 'failed on case "dilation"' and conv.failure_count == 2
    assert gru.most_common_failure in ("rnn.py does not import (SyntaxError)", "forbidden", "not implemented")
    assert exports.failure_signature(hand_made_records()[1].result.exercises[1]) == \
        "rnn.py does not import (SyntaxError)"
    assert linear.pass_rate == pytest.approx(0.5)


def test_the_most_common_failure_is_among_those_who_attempted() -> None:
    """Most students of a class leave most exercises alone: "missing" or "not implemented" would top every
    exercise; the failing case of those who tried says what to teach again."""
    dilation = CaseFailure("dilation", {"dilation": 4}, "expected 3, got 9")
    records = [_graded(f"s{i}", _exercise("conv_output_size", status, 0)) for i, status in
               enumerate(["missing", "missing", "not_implemented", "missing"])]
    records.append(_graded("tried", _exercise("conv_output_size", "failed", 2, failures=[dilation])))
    (conv,) = exports.summarize(records, EXERCISES[:1]).exercises
    assert (conv.most_common_failure, conv.failure_count) == ('failed on case "dilation"', 1)
    assert (conv.graded, conv.attempted, conv.passed) == (5, 1, 0)
    assert '| failed on case "dilation" (1) |' in exports.markdown_summary(records, EXERCISES[:1])


def test_markdown_summary_is_a_table_that_survives_odd_names() -> None:
    text = exports.markdown_summary(hand_made_records(), EXERCISES)
    assert text.startswith("## Autograder: class results")
    assert "7 students, 4 graded (not graded: 1 duplicate, 1 empty, 1 error)" in text
    assert '| `conv_output_size` | 5 | 25% (1/4) | 3.12 | failed on case "dilation" (2) |' in text
    assert "| john \\| \\<b\\> | 5/18 |" in text  # a pipe in a name does not break the table
    assert "| p_empty | not graded: empty |" in text


def test_the_class_summary_speaks_french_and_the_csv_keeps_its_headers() -> None:
    """summary.md, the terminal's table and Gradescope's output are read by people: in the language of the run.
    grades.csv is read by learning-management systems: the same headers and statuses in every language."""
    records = hand_made_records()
    english_csv = exports.grades_csv(records, EXERCISES)
    with language.speaking("fr"):
        text = exports.markdown_summary(records, EXERCISES)
        console = Console(file=io.StringIO(), width=160)
        exports.print_summary(records, EXERCISES, console)
        grace = exports.gradescope_json(records[1], EXERCISES)
        assert exports.grades_csv(records, EXERCISES) == english_csv
    assert text.startswith("## Autograder\u00a0: résultats de la classe")
    assert "7 étudiants, 4 corrigés (non corrigés\u00a0: 1 en double, 1 vide, 1 erreur)" in text
    assert "| exercice | points | taux de réussite | moyenne | échec le plus fréquent |" in text
    assert '| `conv_output_size` | 5 | 25% (1/4) | 3.12 | échoué sur le cas « dilation » (2) |' in text
    assert "<summary>Par étudiant</summary>" in text and "| p_empty | non corrigé\u00a0: vide |" in text
    assert "class results" not in text and "pass rate" not in text and "Per student" not in text
    out = console.file.getvalue()
    assert "Résumé de la classe" in out and "moyenne 7.97, médiane 5.45 sur 18" in out
    assert grace["tests"][0]["output"].startswith("échoué\u00a0: 2 of 20 cases fail")  # the feedback as recorded
    assert grace["output"] == "Total\u00a0: 5.9/18"


def test_write_all_and_print_summary(tmp_path: Path) -> None:
    records = hand_made_records()
    written = exports.write_all(tmp_path, records, EXERCISES)
    assert sorted(p.name for p in written["results"].iterdir()) == sorted(
        f"{exports.safe_name(r.student_id)}.json" for r in records)
    john = json.loads((written["results"] / f"{exports.safe_name('john | <b>')}.json").read_text())
    assert john["student_id"] == "john | <b>" and john["result"]["exercises"][2]["status"] == "timeout"
    for record in records:
        check_gradescope(json.loads((written["gradescope"] / exports.safe_name(record.student_id)
                                     / "results.json").read_text()))
    check_junit(written["junit"].read_text(), records)
    assert not list(tmp_path.rglob("*.partial"))
    console = Console(file=io.StringIO(), width=160)
    exports.print_summary(records, EXERCISES, console)
    out = console.file.getvalue()
    assert "Class summary" in out and "mean 7.97, median 5.45 out of 18" in out
    assert "p_crash: error: the grading process was killed" in out


# -- text a student controls, in every export ---------------------------------------------------------
def hostile_records() -> list[Record]:
    """The students of hand_made_records, and students whose ids, notes, details, feedback and exception type
    names were written to fool the instructor's spreadsheet, terminal and CI page."""
    hostile = []
    for student_id in FORMULA_IDS:
        record = _graded(student_id, *hostile_result(student_id).exercises, notes=[f"={CLEAR_AND_FORGE}"])
        hostile.append(record)
    # the type name of the exception diffusion.py raised at import: the most common failure of the exercise
    import_error = CaseFailure("import", {}, "boom", f'File "diffusion.py", line 1\n{HOSTILE_TYPE}: boom')
    for student_id in ("@import", "@import2"):
        hostile.append(_graded(student_id, _exercise("conv_output_size", "passed", 5),
                               _exercise("gru_step", "passed", 10),
                               _exercise("linear_beta_schedule", "error", 0,
                                         f"diffusion.py could not be imported: {HOSTILE_TYPE}",
                                         failures=[import_error])))
    # an archive's member name, in the sentence that says why the archive is refused
    hostile.append(Record(f"-{RICH_LINK}", "rejected", f"{CLEAR_AND_FORGE}.py is 40 MiB, over the bound",
                          source="/class/x.zip"))
    return hand_made_records() + hostile


def test_no_csv_cell_is_a_formula_and_honest_rows_are_unchanged() -> None:
    records = hostile_records()
    text = exports.grades_csv(records, EXERCISES)
    rows = check_csv(text, records, [ex.id for ex in EXERCISES])  # also: no cell starts a formula, scores >= 0
    by_id = {row["student_id"]: row for row in rows}
    for student_id in FORMULA_IDS:
        cell = next(c for c in by_id if c.endswith(student_id.lstrip("\t\r")))
        assert cell.startswith("'"), cell
        assert by_id[cell]["note"].startswith("'=\\x1b[2J") and by_id[cell]["total"] == "3"
    assert not TERMINAL_CONTROLS.search(text.replace("\n", ""))
    # the honest rows, cell for cell as they were
    table = list(csv.reader(io.StringIO(text)))
    assert table[1] == ["ada", "18", "18", "5", "10", "3", "graded", ""]
    assert table[3] == ["john | <b>", "5", "18", "4", "0", "1", "graded", "not UTF-8 text: extra.py"]
    assert table[5] == ["p_empty", "", "18", "", "", "", "empty", "no .py or .ipynb file in the submission"]


def test_the_terminal_summary_acts_on_nothing_a_student_wrote() -> None:
    console = terminal_console()
    exports.print_summary(hostile_records(), EXERCISES, console)
    shown = on_terminal(console)
    assert_nothing_acts(shown)
    assert "\x1b]8;" not in console.file.getvalue() and f"-{RICH_LINK}: rejected" in shown
    assert "diffusion.py does not import (\\x1b[2J\\x1b[H All submissions graded" in shown  # the type name
    assert "  p_empty: empty: no .py or .ipynb file in the submission" in shown


def test_the_markdown_summary_forges_no_heading_or_link() -> None:
    text = exports.markdown_summary(hostile_records(), EXERCISES)
    tokens = markdown_tokens(text)
    assert [t.tag for t in tokens if t.type == "heading_open"] == ["h2"]
    assert not [t for t in tokens if t.type in ("link_open", "image", "html_inline")]
    assert all(t.content.startswith(("<details>", "</details>")) for t in tokens if t.type == "html_block")
    cells = rendered_text(tokens)  # as a reader sees them: the student's text as typed, written out
    kind = HOSTILE_TYPE.split(":")[0]  # the exception's type, as failure_signature reads it off the traceback
    assert f"diffusion.py does not import ({visible(kind)}) (2)" in cells
    assert visible(kind) == "\\x1b[2J\\x1b[H All submissions graded, no problems found\\x9b31m\\x07 [x](http"
    assert all(visible(student_id) in cells for student_id in FORMULA_IDS) and "-" + RICH_LINK in cells
    assert "| ada | 18/18 | 5 | 10 | 3 |" in text.splitlines()  # an honest row, as it was


def test_junit_and_json_hold_hostile_text_and_still_parse(tmp_path: Path) -> None:
    records = hostile_records()
    root = check_junit(exports.junit_xml(records, EXERCISES), records)
    for element in root.iter():
        for text in [element.text or "", *element.attrib.values()]:
            assert not TERMINAL_CONTROLS.search(text), (element.tag, text)
    assert "\\x1b[2J" in ET.tostring(root, encoding="unicode")
    written = exports.write_all(tmp_path, records, EXERCISES)
    # "\tx" and "\rx" share a file name: discovery never lets two such ids through (a duplicate), so the last wins
    for record in {exports.safe_name(r.student_id): r for r in records}.values():
        path = written["results"] / f"{exports.safe_name(record.student_id)}.json"
        raw = path.read_text(encoding="utf-8")
        assert not TERMINAL_CONTROLS.search(raw.replace("\n", ""))  # json writes every control character as \uXXXX
        assert json.loads(raw)["student_id"] == record.student_id  # and keeps the text as it was
        check_gradescope(json.loads((written["gradescope"] / exports.safe_name(record.student_id)
                                     / "results.json").read_text(encoding="utf-8")))


def test_the_class_summary_says_which_exercises_take_longest_to_grade() -> None:
    def graded(student: str, seconds: dict[str, float]) -> Record:
        exercises = [ExerciseResult(ex.id, ex.module, 0.0, ex.points, "failed", "", seconds=seconds.get(ex.id))
                     for ex in EXERCISES]
        return Record(student, "graded", result=SubmissionResult(student, 0, "cpu", exercises, "0.1.0", "process"))

    records = [graded("ada", {"gru_step": 3.0, "conv_output_size": 0.2, "linear_beta_schedule": 1.0}),
               graded("bob", {"gru_step": 1.0, "conv_output_size": 0.4})]
    expected = "slowest to grade, per student: gru_step 2.00 s, linear_beta_schedule 1.00 s, conv_output_size 0.30 s"
    assert expected in exports.markdown_summary(records, EXERCISES)
    console = Console(file=io.StringIO(), width=200)
    exports.print_summary(records, EXERCISES, console)
    assert expected in console.file.getvalue()
    # results recorded before exercises were clocked say nothing of it
    unclocked = [graded("carol", {})]
    assert "slowest" not in exports.markdown_summary(unclocked, EXERCISES)
