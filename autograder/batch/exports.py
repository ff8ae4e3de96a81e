"""Exports of a graded class, all derived from the gradebook's records.

- ``grades.csv``: one row per student (id, total, max, one column per exercise, status, note);
- ``results/<student>.json``: the student's record and full result object;
- ``gradescope/<student>/results.json``: Gradescope's autograder contract (``score``, ``tests[]``...);
- ``junit.xml``: one test suite per student, one test case per exercise, for CI systems;
- ``summary.md``: the class summary in Markdown, for a CI step summary (``$GITHUB_STEP_SUMMARY``);
- ``similarity.csv``: pairs of students whose code for an exercise is nearly identical
  (:mod:`autograder.batch.similarity`);
- ``report.html``: the class report to look at or print (:mod:`autograder.render.report`), those pairs included;
- :func:`print_summary`: the same summary on the terminal.

Every text a student controls (their id, the notes and details on their submission, their feedback, the type
names of their exceptions) goes through :mod:`autograder.render.safe_text` for the medium it is written to:
no formula in a CSV cell, no escape sequence on the terminal, no heading or link in the Markdown, no
character XML 1.0 refuses. The JSON files hold the text as it is (``json`` escapes every control character).

A student who could not be graded (empty, duplicate, unreadable...) gets blank scores in the CSV, not
zeros: a blank leaves the grade unset when it is imported into a learning-management system.
"""

from __future__ import annotations

import csv
import io
import json
import math
import os
import statistics
import xml.etree.ElementTree as ET
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from rich.console import Console, JustifyMethod
from rich.table import Table
from rich.text import Text

from autograder.batch.discovery import safe_name
from autograder.batch.gradebook import Record
from autograder.batch.listed import Described
from autograder.core.messages import say, shown_status, shown_submission_status
from autograder.core.result import ExerciseResult, SubmissionResult
from autograder.core.status import Status, SubmissionStatus
from autograder.render.safe_text import csv_cell, markdown, terminal, xml

if TYPE_CHECKING:
    from autograder.batch.similarity import Prepared


@dataclass
class ExerciseSummary:
    id: str
    points: float
    graded: int = 0
    attempted: int = 0  # graded, and neither missing nor still the stub
    passed: int = 0
    mean_score: float = 0.0
    most_common_failure: str = ""
    failure_count: int = 0
    mean_seconds: float | None = None  # what grading it took per student, where results say

    @property
    def pass_rate(self) -> float:
        return self.passed / self.graded if self.graded else 0.0


@dataclass
class ClassSummary:
    students: int
    graded: int
    not_graded: Counter[str]
    max_score: float
    mean: float | None
    median: float | None
    exercises: list[ExerciseSummary] = field(default_factory=list)


def summarize(records: Sequence[Record], exercises: Sequence[Described]) -> ClassSummary:
    graded: list[SubmissionResult] = [result for r in records if (result := r.graded_result) is not None]
    totals = [result.score for result in graded]
    summary = ClassSummary(
        students=len(records), graded=len(graded), not_graded=Counter(r.status for r in records if not r.graded),
        max_score=sum(ex.points for ex in exercises),
        mean=round(statistics.fmean(totals), 2) if totals else None,
        median=round(statistics.median(totals), 2) if totals else None)
    for ex in exercises:
        results = [e for result in graded for e in result.exercises if e.id == ex.id]
        passed = sum(e.status == Status.PASSED for e in results)
        attempts = [e for e in results if attempted(e)]
        item = ExerciseSummary(ex.id, ex.points, graded=len(results), attempted=len(attempts), passed=passed)
        if results:
            item.mean_score = round(statistics.fmean(e.score for e in results), 2)
        clocked = [e.seconds for e in results if e.seconds is not None]
        if clocked:
            item.mean_seconds = round(statistics.fmean(clocked), 3)
        # among the students who attempted it: "missing" or "not implemented" says nothing about the exercise
        failures = Counter(failure_signature(e) for e in attempts if e.status != Status.PASSED)
        if failures:
            item.most_common_failure, item.failure_count = failures.most_common(1)[0]
        summary.exercises.append(item)
    return summary


NOT_ATTEMPTED = (Status.MISSING, Status.NOT_IMPLEMENTED)


def attempted(e: ExerciseResult) -> bool:
    """The student handed in something of their own for this exercise (not a missing file or function, not
    the stub)."""
    return e.status not in NOT_ATTEMPTED


def failure_signature(e: ExerciseResult) -> str:
    """What went wrong, in words shared by every student who made the same mistake."""
    status = shown_status(e.status)
    first = e.failures[0] if e.failures else None
    if first is not None and first.case == "import":
        last = first.traceback.strip().splitlines()[-1] if first.traceback.strip() else ""
        kind = last.split(":", 1)[0].strip() if last else ""
        return say("failure_does_not_import_as", module=e.module, kind=kind) if kind else \
            say("failure_does_not_import", module=e.module)
    if first is not None and e.status in (Status.FAILED, Status.ERROR, Status.TIMEOUT):
        return say("failure_on_case", status=status, case=first.case)
    return status


# -- writing everything -------------------------------------------------------------------------------
def write_all(out: str | Path, records: Sequence[Record], exercises: Sequence[Described],
              prepared: Prepared | None = None) -> dict[str, Path]:
    """Every export into ``out`` (the similar pairs from the functions ``prepared`` read, where it did);
    returns what was written, by kind."""
    from autograder.batch import similarity
    from autograder.render.report import write_report

    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    written = {"csv": out / "grades.csv", "results": out / "results", "gradescope": out / "gradescope",
               "junit": out / "junit.xml", "summary": out / "summary.md"}
    _atomic_write(written["csv"], grades_csv(records, exercises))
    for record in records:
        name = safe_name(record.student_id)
        _atomic_write(written["results"] / f"{name}.json", json.dumps(student_json(record), indent=2) + "\n")
        _atomic_write(written["gradescope"] / name / "results.json",
                      json.dumps(gradescope_json(record, exercises), indent=2) + "\n")
    _atomic_write(written["junit"], junit_xml(records, exercises))
    _atomic_write(written["summary"], markdown_summary(records, exercises))
    pairs = similarity.find_pairs(records, exercises, prepared=prepared)
    written["similarity"] = out / similarity.FILE_NAME
    _atomic_write(written["similarity"], similarity.similarity_csv(pairs))
    written["report"] = write_report(out, records, exercises, pairs)
    return written


def _atomic_write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(path.name + ".partial")
    partial.write_text(text, encoding="utf-8")
    os.replace(partial, path)


# -- CSV ----------------------------------------------------------------------------------------------
def grades_csv(records: Sequence[Record], exercises: Sequence[Described]) -> str:
    """The grades, one row per student. Its headers and statuses stay English in every language: learning-
    management systems and scripts read them by name, and a column renamed by the language of the run would
    break their imports (the people's exports, summary.md and report.html, speak the language)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(map(csv_cell, ["student_id", "total", "max", *(ex.id for ex in exercises), "status", "note"]))
    max_score = _number(sum(ex.points for ex in exercises))
    for record in records:
        # text cells through csv_cell (an id or a note may begin with "="); scores are numbers, written as such
        result = record.graded_result
        if result is not None:
            scores = {e.id: e.score for e in result.exercises}
            row = [csv_cell(record.student_id), _number(result.score), max_score,
                   *(_number(scores[ex.id]) if ex.id in scores else "" for ex in exercises)]
        else:
            row = [csv_cell(record.student_id), "", max_score, *("" for _ in exercises)]
        writer.writerow([*row, csv_cell(record.status), csv_cell(_note(record))])
    return buffer.getvalue()


def _note(record: Record) -> str:
    return "; ".join(([record.detail] if record.detail else []) + record.notes)


def _number(value: float) -> str:
    return f"{value:g}"


# -- per-student JSON ---------------------------------------------------------------------------------
def student_json(record: Record) -> dict[str, Any]:
    graded = record.graded_result
    return {
        "student_id": record.student_id, "status": record.status, "detail": record.detail, "notes": record.notes,
        "source": record.source, "content_hash": record.content_hash,
        "score": graded.score if graded is not None else None,
        "max_score": graded.max_score if graded is not None else None,
        "seconds": record.seconds, "run_id": record.run_id,
        "result": record.result.to_dict() if record.result is not None else None,
    }


# -- Gradescope ---------------------------------------------------------------------------------------
def gradescope_json(record: Record, exercises: Sequence[Described]) -> dict[str, Any]:
    """Gradescope's ``results.json``; the seed stays out of it (it is the secret of final grading)."""
    tests = []
    graded = record.graded_result
    if graded is not None:
        by_id = {e.id: e for e in graded.exercises}
        for number, ex in enumerate(exercises, 1):
            e = by_id.get(ex.id)
            if e is None:
                continue
            tests.append({  # a test's status is Gradescope's own word: passed or failed
                "name": f"{e.id} ({e.module}.py)", "number": str(number), "score": e.score,
                "max_score": e.max_score, "status": "passed" if e.status == Status.PASSED else "failed",
                "output": say("gradescope_test_output", status=shown_status(e.status), feedback=e.feedback),
                "output_format": "text",
                "tags": [e.module, e.status], "visibility": "visible",
                "extra_data": {"exercise": e.id, "status": e.status, "cases_passed": e.cases_passed,
                               "cases_total": e.cases_total},
            })
        score = graded.score
        output = (say("view_total", score=_number(score), max_score=_number(graded.max_score))
                  + "".join("\n" + say("gradescope_note", note=note) for note in record.notes))
    else:
        score = 0.0
        output = say("gradescope_not_graded_output", status=shown_submission_status(record.status),
                     detail=record.detail)
        tests = [{"name": f"{ex.id} ({ex.module}.py)", "number": str(number), "score": 0.0,
                  "max_score": ex.points, "status": "failed", "output": output, "output_format": "text",
                  "tags": [ex.module, record.status], "visibility": "visible", "extra_data": {"exercise": ex.id}}
                 for number, ex in enumerate(exercises, 1)]
    return {
        "score": score,
        "execution_time": math.ceil(record.seconds or 0),
        "output": output,
        "output_format": "text",
        "visibility": "visible",
        "stdout_visibility": "hidden",
        "extra_data": {"student_id": record.student_id, "status": record.status,
                       "kit_version": record.result.kit_version if record.result else None},
        "tests": tests,
    }


# -- JUnit XML ----------------------------------------------------------------------------------------
_JUNIT_ERROR = (Status.ERROR, Status.TIMEOUT)  # the code did not run to an answer; the rest is a wrong answer


def junit_xml(records: Sequence[Record], exercises: Sequence[Described]) -> str:
    root = ET.Element("testsuites", name="autograder")
    totals: Counter[str] = Counter()
    for record in records:
        suite = ET.SubElement(root, "testsuite", name=xml(record.student_id))
        counts: Counter[str] = Counter()
        properties = ET.SubElement(suite, "properties")
        ET.SubElement(properties, "property", name="status", value=xml(record.status))
        result = record.graded_result
        if result is not None:
            ET.SubElement(properties, "property", name="score", value=_number(result.score))
            ET.SubElement(properties, "property", name="max_score", value=_number(result.max_score))
            for e in result.exercises:
                case = ET.SubElement(suite, "testcase", classname=f"{xml(record.student_id)}.{e.module}", name=e.id)
                counts["tests"] += 1
                if e.status == Status.PASSED:
                    continue
                kind = "error" if e.status in _JUNIT_ERROR else "failure"
                counts[kind + "s"] += 1
                first_line = e.feedback.splitlines()[0] if e.feedback else e.status
                element = ET.SubElement(case, kind, type=e.status,
                                        message=xml(f"{_number(e.score)}/{_number(e.max_score)} {first_line}"))
                element.text = xml(e.feedback)
        else:
            case = ET.SubElement(suite, "testcase", classname=xml(record.student_id), name="submission")
            element = ET.SubElement(case, "error", type=xml(record.status), message=xml(record.detail))
            element.text = xml(record.detail)
            counts.update(tests=1, errors=1)
        for key in ("tests", "failures", "errors"):
            suite.set(key, str(counts[key]))
        suite.set("time", f"{record.seconds or 0:.3f}")
        totals.update(counts)
    for key in ("tests", "failures", "errors"):
        root.set(key, str(totals[key]))
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"


# -- Markdown and terminal summaries ------------------------------------------------------------------
def markdown_summary(records: Sequence[Record], exercises: Sequence[Described], max_rows: int = 500) -> str:
    summary = summarize(records, exercises)
    lines = [f"## {say('summary_title')}", "", headline(summary), ""]
    if where_time_goes := slowest(summary):
        lines += [where_time_goes, ""]
    lines += ["| " + " | ".join(say(key) for key in _COLUMNS) + " |", "|---|---:|---:|---:|---|"]
    for item in summary.exercises:
        failure = f"{markdown(item.most_common_failure)} ({item.failure_count})" if item.failure_count else "-"
        lines.append(f"| `{item.id}` | {_number(item.points)} | {_rate(item)} | {_number(item.mean_score)} "
                     f"| {failure} |")
    lines += ["", f"<details><summary>{say('summary_per_student')}</summary>", "",
              f"| {say('report_student')} | {say('report_total')} | " + " | ".join(f"`{ex.id}`" for ex in exercises)
              + " |",
              "|---|---:|" + "---|" * len(exercises)]
    for record in list(records)[:max_rows]:
        result = record.graded_result
        if result is not None:
            by_id = {e.id: e for e in result.exercises}
            cells = [_cell(by_id.get(ex.id)) for ex in exercises]
            total = f"{_number(result.score)}/{_number(result.max_score)}"
        else:
            cells = ["" for _ in exercises]
            total = say("summary_not_graded", status=shown_submission_status(record.status))
        lines.append(f"| {markdown(record.student_id)} | {total} | " + " | ".join(cells) + " |")
    if len(records) > max_rows:
        lines.append("\n" + say("summary_more_students", count=len(records) - max_rows))
    lines += ["", "</details>", ""]
    return "\n".join(lines)


# the columns of the class summary, per exercise (the catalogue's words, which report.html shares)
_COLUMNS = ("report_exercise", "report_points", "report_pass_rate", "report_mean", "summary_common_failure")


def slowest(summary: ClassSummary, count: int = 3) -> str:
    """Where the grading time goes: the exercises that took longest per student, on average."""
    timed = sorted((item for item in summary.exercises if item.mean_seconds is not None),
                   key=lambda item: -(item.mean_seconds or 0.0))[:count]
    if not timed:
        return ""
    return say("slowest_exercises", exercises=", ".join(f"{item.id} {item.mean_seconds:.2f} s" for item in timed))


def headline(summary: ClassSummary) -> str:
    text = say("summary_headline", students=summary.students, graded=summary.graded)
    if summary.not_graded:
        counts = ", ".join(f"{n} {shown_submission_status(s)}" for s, n in sorted(summary.not_graded.items()))
        text += f" ({say('summary_headline_not_graded', counts=counts)})"
    if summary.mean is not None and summary.median is not None:  # both or neither: they come from the same totals
        text += "; " + say("summary_headline_scores", mean=_number(summary.mean), median=_number(summary.median),
                           max_score=_number(summary.max_score))
    return text


def _rate(item: ExerciseSummary) -> str:
    return f"{100 * item.pass_rate:.0f}% ({item.passed}/{item.graded})" if item.graded else "-"


def _cell(e: ExerciseResult | None) -> str:
    if e is None:
        return ""
    return _number(e.score) if e.status == Status.PASSED else f"{_number(e.score)} {shown_status(e.status)}"


def print_summary(records: Sequence[Record], exercises: Sequence[Described], console: Console) -> ClassSummary:
    """The class summary on the terminal: totals, then per exercise the pass rate and most common failure."""
    summary = summarize(records, exercises)
    table = Table(title=say("summary_table_title"))
    justified: tuple[JustifyMethod, ...] = ("left", "right", "right", "right", "left")
    for key, justify in zip(_COLUMNS, justified, strict=True):
        table.add_column(say(key), justify=justify)
    for item in summary.exercises:
        failure = f"{item.most_common_failure} ({item.failure_count})" if item.failure_count else "-"
        # cells as Text: rich would read markup in a str cell (a student's "[link=...]")
        table.add_row(item.id, _number(item.points), _rate(item), _number(item.mean_score), Text(terminal(failure)))
    console.print(table)
    console.print(terminal(headline(summary)), highlight=False, markup=False)
    if where_time_goes := slowest(summary):
        console.print(where_time_goes, highlight=False, markup=False)
    problems = [r for r in records if r.status != SubmissionStatus.GRADED]
    for record in problems[:20]:
        console.print(f"  {terminal(record.student_id)}: {shown_submission_status(record.status)}: "
                      f"{terminal(record.detail)}", highlight=False, markup=False)
    if len(problems) > 20:
        console.print("  " + say("summary_more_problems", count=len(problems) - 20), highlight=False, markup=False)
    return summary
