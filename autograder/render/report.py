"""The class report: one self-contained HTML page (``report.html``) an instructor opens or prints.

It holds the score distribution, per exercise the pass rate and the most common failing case among the
students who attempted it, the timing ratios of the timed exercises, the pairs of nearly identical
submissions, and a section per student with the full feedback, linked both ways with the class table.

Self-contained: the charts are inline SVG (:mod:`autograder.render.charts`), the style is inline, nothing
is fetched, and a Content-Security-Policy forbids every script, so that even text that escaped its escaping
could run nothing. Every text a student controls (their id, notes, feedback, tracebacks, code) goes through
:func:`autograder.render.safe_text.html`; student anchors are numbers, never the student's id. No seed
appears: final grading's is a secret, and results say only ``"secret"``.
"""

from __future__ import annotations

import json
import os
import statistics
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from autograder.core import language
from autograder.core.messages import say, shown_status, shown_submission_status
from autograder.core.result import ExerciseResult
from autograder.core.status import Status
from autograder.render import charts
from autograder.render.safe_text import html

if TYPE_CHECKING:
    from autograder.batch.exports import ClassSummary
    from autograder.batch.gradebook import Record
    from autograder.batch.listed import Described
    from autograder.batch.similarity import Pair

FILE_NAME = "report.html"
# no script of any origin, no fetch, no frame: only the page's own inline style and inline SVG
_POLICY = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'"
_STYLE = """
body { font: 15px/1.45 system-ui, -apple-system, "Segoe UI", sans-serif; margin: 0 auto; max-width: 1100px;
       padding: 1rem 1.5rem; color: #222; }
h1 { font-size: 1.6rem; } h2 { border-bottom: 1px solid #ccc; margin-top: 2rem; } h3 { margin-bottom: .3rem; }
table { border-collapse: collapse; width: 100%; font-size: .9rem; }
th, td { border-bottom: 1px solid #e3e3e3; padding: .25rem .5rem; text-align: left; vertical-align: top; }
th { background: #f4f4f4; } td.num { text-align: right; font-variant-numeric: tabular-nums; }
.passed { color: #2a7a3b; } .failed, .error, .timeout, .forbidden { color: #b3261e; }
.too_slow { color: #9a6700; } .missing, .not_implemented { color: #777; }
pre { background: #f7f7f7; border: 1px solid #e3e3e3; padding: .5rem; white-space: pre-wrap;
      overflow-wrap: anywhere; font-size: .85rem; }
svg.chart { width: 100%; height: auto; max-height: 32rem; }
.pair { display: grid; grid-template-columns: 1fr 1fr; gap: .75rem; }
.student { border-top: 2px solid #ddd; padding-top: .5rem; }
.back { font-size: .85rem; }
@media print {
  body { max-width: none; font-size: 10pt; } a { color: inherit; text-decoration: none; } .back { display: none; }
  h2 { break-after: avoid; } svg.chart, tr, .pair { break-inside: avoid; } .student { break-before: page; }
}
"""


def write_report(out: str | Path, records: Sequence[Record], exercises: Sequence[Described],
                 pairs: Sequence[Pair] = ()) -> Path:
    """Write ``report.html`` into ``out`` (atomically); returns its path."""
    path = Path(out) / FILE_NAME
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(path.name + ".partial")
    partial.write_text(report_html(records, exercises, pairs), encoding="utf-8")
    os.replace(partial, path)
    return path


def rebuild(folder: str | Path, db: str | Path | None = None) -> Path:
    """``report.html`` in ``folder`` again, from the gradebook (``folder/gradebook.db``, or ``db``): the class
    of its latest run, as that run's exports hold it, and its similar pairs (from the submissions that are
    still where they were graded)."""
    from autograder.batch.gradebook import Gradebook
    from autograder.batch.listed import listed
    from autograder.batch.similarity import find_pairs

    path = Path(db) if db is not None else Path(folder) / "gradebook.db"
    if not path.is_file():
        raise FileNotFoundError(say("report_no_gradebook", db=path))
    with Gradebook(path) as gradebook:
        found = gradebook.class_of_latest_run()
    if found is None:
        raise ValueError(say("report_no_run", db=path))
    run, records = found
    chosen = json.loads(run["exercises"])
    exercises = listed(chosen)
    return write_report(folder, records, exercises, find_pairs(records, exercises))


def report_html(records: Sequence[Record], exercises: Sequence[Described], pairs: Sequence[Pair] = ()) -> str:
    """The whole page."""
    from autograder.batch.exports import headline, summarize

    summary = summarize(records, exercises)
    body = [f"<h1>{html(say('report_title'))}</h1>", f"<p>{html(headline(summary))}</p>",
            _distribution(records, summary), _exercise_table(summary), _timing(records, exercises),
            _similarity(pairs), _class_table(records, exercises), *_student_sections(records)]
    return (f"<!DOCTYPE html>\n<html lang=\"{language.current()}\">\n<head>\n<meta charset=\"utf-8\">\n"
            f"<meta http-equiv=\"Content-Security-Policy\" content=\"{_POLICY}\">\n"
            "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
            f"<title>{html(say('report_title'))}</title>\n<style>{_STYLE}</style>\n</head>\n<body>\n"
            + "\n".join(part for part in body if part) + "\n</body>\n</html>\n")


def _anchor(index: int) -> str:
    return f"student-{index}"


def _row(index: int) -> str:
    return f"row-{index}"


# -- the class -----------------------------------------------------------------------------------------
def _distribution(records: Sequence[Record], summary: ClassSummary) -> str:
    totals = [result.score for r in records if (result := r.graded_result) is not None]
    if not totals:
        return f"<h2>{html(say('report_scores'))}</h2>\n<p>{html(say('report_nobody_graded'))}</p>"
    return f"<h2>{html(say('report_scores'))}</h2>\n{charts.score_distribution(totals, summary.max_score)}"


def _exercise_table(summary: ClassSummary) -> str:
    rows = []
    for item in summary.exercises:
        rate = f"{100 * item.pass_rate:.0f}% ({item.passed}/{item.graded})" if item.graded else "-"
        failure = f"{item.most_common_failure} ({item.failure_count})" if item.failure_count else "-"
        rows.append(f"<tr><td><code>{html(item.id)}</code></td><td class=\"num\">{item.points:g}</td>"
                    f"<td class=\"num\">{rate}</td><td class=\"num\">{item.attempted}</td>"
                    f"<td class=\"num\">{item.mean_score:g}</td><td>{html(failure)}</td></tr>")
    chart = charts.pass_rates({item.id: item.pass_rate for item in summary.exercises}) if summary.graded else ""
    head = "".join(f"<th>{html(say(key))}</th>" for key in (
        "report_exercise", "report_points", "report_pass_rate", "report_attempted", "report_mean",
        "report_common_failure"))
    return (f"<h2>{html(say('report_exercises'))}</h2>\n<p>{html(say('report_exercises_note'))}</p>\n{chart}\n"
            f"<table><thead><tr>{head}</tr></thead><tbody>\n" + "\n".join(rows) + "\n</tbody></table>")


def _timing(records: Sequence[Record], exercises: Sequence[Described]) -> str:
    budgets = {ex.id: ex.timing.budget for ex in exercises if ex.timing is not None}
    ratios: dict[str, list[float]] = {name: [] for name in budgets}
    for record in records:
        result = record.graded_result
        for e in result.exercises if result is not None else []:
            ratio = (e.timing or {}).get("ratio")
            if e.id in ratios and isinstance(ratio, (int, float)) and ratio > 0:
                ratios[e.id].append(float(ratio))
    ratios = {name: values for name, values in ratios.items() if values}
    if not ratios:
        return ""
    rows = [f"<tr><td><code>{html(name)}</code></td><td class=\"num\">{budgets[name]:g}x</td>"
            f"<td class=\"num\">{len(values)}</td><td class=\"num\">{statistics.median(values):.2f}x</td>"
            f"<td class=\"num\">{max(values):.2f}x</td>"
            f"<td class=\"num\">{sum(v > budgets[name] for v in values)}</td></tr>" for name, values in ratios.items()]
    head = "".join(f"<th>{html(say(key))}</th>" for key in (
        "report_exercise", "report_budget", "report_timed", "report_median_ratio", "report_max_ratio",
        "report_over_budget"))
    return (f"<h2>{html(say('report_timing'))}</h2>\n<p>{html(say('report_timing_note'))}</p>\n"
            f"{charts.timing_ratios(ratios, budgets)}\n<table><thead><tr>{head}</tr></thead><tbody>\n"
            + "\n".join(rows) + "\n</tbody></table>")


SHOWN_PAIRS = 60  # similar pairs shown side by side, the most similar first; similarity.csv holds every one


def _similarity(pairs: Sequence[Pair]) -> str:
    """Students who handed in the same code (every pair among them scored 100%) once per group, with one copy of
    it; then the other pairs side by side, the most similar first, up to :data:`SHOWN_PAIRS`. Every pair of a
    group of 40 students, shown twice over, made a report of 23 MB for a class of 96."""
    if not pairs:
        return ""
    groups, others = _same_code(pairs)
    parts = [f"<h2>{html(say('report_similar'))}</h2>", f"<p>{html(say('report_similar_note'))}</p>"]
    for exercise, students, code in groups:
        parts.append(f"<h3><code>{html(exercise)}</code>: {html(say('report_same_code', count=len(students)))}</h3>"
                     f"\n<p>{html(', '.join(students))}</p>\n"
                     f"<p>{html(say('report_same_code_shown', student=students[0]))}</p>\n<pre>{html(code)}</pre>")
    shown = sorted(others, key=lambda pair: -pair.score)[:SHOWN_PAIRS]
    for pair in shown:
        parts.append(f"<h3><code>{html(pair.exercise)}</code>: {html(pair.student_a)} &amp; "
                     f"{html(pair.student_b)} ({100 * pair.score:.0f}%)</h3>\n<div class=\"pair\">"
                     f"<pre>{html(pair.code_a)}</pre><pre>{html(pair.code_b)}</pre></div>")
    if len(others) > len(shown):
        parts.append(f"<p>{html(say('report_more_pairs', count=len(others) - len(shown)))}</p>")
    return "\n".join(parts)


def _same_code(pairs: Sequence[Pair]) -> tuple[list[tuple[str, list[str], str]], list[Pair]]:
    """The groups of three or more students of an exercise every two of whom scored 100% (exercise, students,
    the first one's code), and the pairs outside such a group."""
    full: dict[str, dict[str, set[str]]] = {}
    code: dict[tuple[str, str], str] = {}
    for pair in pairs:
        code.setdefault((pair.exercise, pair.student_a), pair.code_a)
        code.setdefault((pair.exercise, pair.student_b), pair.code_b)
        if round(pair.score, 3) >= 1:
            linked = full.setdefault(pair.exercise, {})
            linked.setdefault(pair.student_a, set()).add(pair.student_b)
            linked.setdefault(pair.student_b, set()).add(pair.student_a)
    groups: list[tuple[str, list[str], str]] = []
    group_of: dict[tuple[str, str], int] = {}
    for exercise, linked in full.items():
        for student in sorted(linked):
            members = sorted({student} | linked[student])
            # a group only where every two of its members are linked: a chain of near-copies stays pairs
            # (a student already in a group is looked up first: checking every two of 96 copies again for
            # each of them took 0.24 s)
            if (len(members) >= 3 and not any((exercise, m) in group_of for m in members)
                    and all(set(members) - {m} <= linked[m] for m in members)):
                group_of.update(((exercise, m), len(groups)) for m in members)
                groups.append((exercise, members, code[exercise, members[0]]))
    others = [pair for pair in pairs
              if group_of.get((pair.exercise, pair.student_a), -1) != group_of.get((pair.exercise, pair.student_b), -2)]
    return groups, others


def _class_table(records: Sequence[Record], exercises: Sequence[Described]) -> str:
    head = "".join(f"<th>{html(say(key))}</th>" for key in ("report_student", "report_total"))
    head += "".join(f"<th><code>{html(ex.id)}</code></th>" for ex in exercises)
    rows = []
    for index, record in enumerate(records, 1):
        result = record.graded_result
        link = f"<a href=\"#{_anchor(index)}\">{html(record.student_id)}</a>"
        if result is None:
            not_graded = say("report_not_graded", status=shown_submission_status(record.status))
            cells = f"<td>{html(not_graded)}</td>" + "<td></td>" * len(exercises)
        else:
            by_id = {e.id: e for e in result.exercises}
            cells = f"<td class=\"num\">{result.score:g}/{result.max_score:g}</td>"
            cells += "".join(_score_cell(by_id.get(ex.id)) for ex in exercises)
        rows.append(f"<tr id=\"{_row(index)}\"><td>{link}</td>{cells}</tr>")
    return (f"<h2 id=\"students\">{html(say('report_students'))}</h2>\n<table><thead><tr>{head}</tr></thead>"
            "<tbody>\n" + "\n".join(rows) + "\n</tbody></table>")


def _score_cell(e: ExerciseResult | None) -> str:
    if e is None:
        return "<td></td>"
    return f"<td class=\"num {e.status}\" title=\"{html(e.status)}\">{e.score:g}</td>"


# -- each student --------------------------------------------------------------------------------------
def _student_sections(records: Sequence[Record]) -> list[str]:
    return [_student_section(index, record) for index, record in enumerate(records, 1)]


def _student_section(index: int, record: Record) -> str:
    result = record.graded_result
    parts = [f"<section class=\"student\" id=\"{_anchor(index)}\">",
             f"<h2>{html(record.student_id)}</h2>",
             f"<p class=\"back\"><a href=\"#{_row(index)}\">{html(say('report_back'))}</a></p>"]
    if result is None:
        not_graded = say("report_not_graded", status=shown_submission_status(record.status))
        parts.append(f"<p>{html(not_graded)}: {html(record.detail)}</p>")
    else:
        parts.append(f"<p>{html(say('report_total'))}: {result.score:g}/{result.max_score:g}</p>")
    parts += [f"<p>{html(note)}</p>" for note in record.notes]
    parts += [_exercise_feedback(e) for e in (result.exercises if result is not None else [])]
    parts.append("</section>")
    return "\n".join(parts)


def _exercise_feedback(e: ExerciseResult) -> str:
    cases = ", " + say("report_cases", passed=e.cases_passed, total=e.cases_total) if e.cases_total else ""
    parts = [f"<h3><code>{html(e.id)}</code> ({html(e.module)}.py): {e.score:g}/{e.max_score:g}, "
             f"<span class=\"{e.status}\">{html(shown_status(e.status))}</span>{cases}</h3>"]
    if e.status != Status.PASSED or e.feedback:
        parts.append(f"<pre>{html(e.feedback)}</pre>")
    for failure in e.failures:
        if failure.traceback.strip():
            parts.append(f"<details><summary>{html(say('report_traceback', case=failure.case))}</summary>"
                         f"<pre>{html(failure.traceback)}</pre></details>")
    return "\n".join(parts)
