"""Showing a result in Markdown: the summary a CI job shows for one graded submission.

Everything that came from the student (the feedback, with their exceptions' names and messages) goes through
:mod:`autograder.render.safe_text`: escaped inside a line, fenced with a fence nothing inside can close.
"""

from __future__ import annotations

from autograder.core.messages import say, shown_status
from autograder.core.result import SubmissionResult
from autograder.core.seed import PUBLIC_SEED
from autograder.core.status import Status
from autograder.render.safe_text import html, markdown, markdown_fence


def step_summary(result: SubmissionResult) -> str:
    """The Markdown a CI job shows for one graded submission (``$GITHUB_STEP_SUMMARY``)."""
    lines = [f"## {say('step_summary_title', score=result.score, max_score=result.max_score)}", ""]
    if result.seed == PUBLIC_SEED:
        lines += [say("practice_summary", seed=PUBLIC_SEED), ""]
    columns = (say("report_exercise"), say("report_points"), say("step_summary_status"), say("step_summary_feedback"))
    lines += ["| " + " | ".join(columns) + " |", "|---|---|---|---|"]
    for e in result.exercises:
        first = (e.feedback.splitlines() or [""])[0]
        lines.append(f"| `{e.id}` | {e.score:g} / {e.max_score:g} | {shown_status(e.status)} | {markdown(first)} |")
    details = [e for e in result.exercises if e.status not in (Status.PASSED, Status.MISSING, Status.NOT_IMPLEMENTED)]
    for e in details:
        lines += ["", f"<details><summary><code>{html(e.id)}</code>: {shown_status(e.status)}</summary>", "",
                  markdown_fence(e.feedback), "</details>"]
    return "\n".join(lines) + "\n"
