"""Showing results to a person: one line per exercise, details only for what did not pass."""

from __future__ import annotations

from rich import box
from rich.console import Console
from rich.table import Table
from rich.text import Text

from autograder.core.messages import say, shown_status
from autograder.core.result import SubmissionResult
from autograder.core.status import Status
from autograder.render.safe_text import markup, terminal

STATUS_STYLE = {
    Status.PASSED: "green", Status.FAILED: "red", Status.ERROR: "red", Status.TIMEOUT: "red",
    Status.FORBIDDEN: "magenta", Status.MISSING: "yellow", Status.NOT_IMPLEMENTED: "yellow", Status.TOO_SLOW: "yellow",
}


def show_result(result: SubmissionResult, console: Console | None = None, details: bool = True) -> None:
    """The student's view: a line per exercise, then what failed, with the smallest failing case."""
    console = console or Console()
    width = max(len(e.id) for e in result.exercises) if result.exercises else 10
    for e in result.exercises:
        style = STATUS_STYLE[e.status]
        first_line = e.feedback.splitlines()[0] if e.feedback else ""
        console.print(f"{e.id:<{width}}  {_points(e.score)}/{_points(e.max_score):<4} "
                      f"[{style}]{shown_status(e.status):<15}[/{style}] {markup(first_line)}",
                      highlight=False)
    if details:
        for e in result.exercises:
            if e.status in (Status.PASSED, Status.MISSING, Status.NOT_IMPLEMENTED):
                continue
            console.print(f"\n[bold]{e.id}[/bold] ({e.module}.py): {shown_status(e.status)}", highlight=False)
            for line in e.feedback.splitlines()[1:]:
                console.print(f"  {markup(line)}", highlight=False)
            shown = e.smallest_failing_case or (e.failures[0] if e.failures else None)
            if shown is not None and shown.traceback:
                console.print(f"  {say('view_raised')}", highlight=False)
                for line in shown.traceback.rstrip().splitlines():
                    console.print(f"    {markup(line)}", highlight=False)
    total_style = "green" if result.score == result.max_score else "bold"
    total = say("view_total", score=_points(result.score), max_score=_points(result.max_score))
    console.print(f"\n[{total_style}]{markup(total)}[/{total_style}]"
                  f"  [dim]({markup(say('view_isolation', level=result.isolation))})[/dim]", highlight=False)


def class_table(rows: list[tuple[str, SubmissionResult]], console: Console | None = None) -> None:
    """The instructor's view of several submissions, readable at 100 columns: one row per student, their points
    per module and in total (every exercise's verdict is in the exports)."""
    console = console or Console()
    if not rows:
        console.print(say("view_no_submissions"))
        return
    modules = list(dict.fromkeys(e.module for e in rows[0][1].exercises))
    table = Table(title=say("view_class_title"), box=box.SIMPLE_HEAD,
                  padding=(0, 0), pad_edge=False, show_edge=False,
                  width=min(console.width, 100))
    table.add_column(say("view_student"), overflow="fold", max_width=24)
    for header in _headers(modules):
        table.add_column(header, justify="right", overflow="fold")
    table.add_column(say("view_total_column"), justify="right", overflow="fold")
    first = rows[0][1]
    table.add_row(Text(say("view_out_of"), style="dim"), *(Text(_points(sum(e.max_score for e in first.exercises
                                                                  if e.module == module)), style="dim")
                                                 for module in modules), Text(_points(first.max_score), style="dim"))
    for name, result in rows:
        cells = []
        for module in modules:
            scores = [(e.score, e.max_score) for e in result.exercises if e.module == module]
            earned, most = sum(s for s, _ in scores), sum(m for _, m in scores)
            style = "green" if earned == most else ("red" if earned == 0 else "yellow")
            cells.append(f"[{style}]{_points(round(earned, 2))}[/{style}]")
        table.add_row(Text(terminal(name)), *cells, _points(result.score))
    console.print(table)


def _headers(modules: list[str]) -> list[str]:
    """Each module's name in four characters ("emb." for embeddings, "trai" and "tran" where two would read
    alike), so that a student's name keeps its room at 100 columns beside the course's sixteen modules."""
    short = [module if len(module) <= 4 else module[:3] + "." for module in modules]
    return [name if short.count(name) == 1 else module[:4] for name, module in zip(short, modules, strict=True)]


def _points(value: float) -> str:
    return f"{value:g}"
