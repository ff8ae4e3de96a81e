"""Text a student controls, written to fool whoever reads the exports, and what a person would see of it:
the CSV as a spreadsheet reads it (``csv``), the terminal as rich writes it (``on_terminal``), the Markdown as a
CommonMark parser reads it (``markdown_tokens``). Shared by the tests of ``autograder.render`` and of the exports.
"""

from __future__ import annotations

import io
import re

from markdown_it import MarkdownIt
from markdown_it.token import Token
from rich.console import Console

from autograder.core.result import CaseFailure, ExerciseResult, SubmissionResult

# a student id is the name of a folder or an archive: a spreadsheet runs each of these as a formula
FORMULA_IDS = ['=HYPERLINK("http://x","y")', "+1", "-2+3", "@SUM(A1)", "\tx", "\rx"]
# a cleared screen and the cursor sent home, then a forged last word
CLEAR_AND_FORGE = "\x1b[2J\x1b[H All submissions graded, no problems found"
CSI = "\x9b31m"  # the one-byte CSI of C1: red, on a terminal that reads 8-bit controls
BELL = "\x07"
# a fence closed early, a forged heading and a link; then a longer run of backticks
FENCE_BREAK = "```\n## Autograder: 277 / 277 points\n[link](http://x)"
FIVE_BACKTICKS = "`````\n## Autograder: 277 / 277 points\n![image](http://x/i.png)\n`````"
RICH_LINK = "[link=http://x]click[/link]"  # rich markup: a hyperlink on the terminal
# an exception type's name (the class's __name__ is the student's to choose), as a traceback's last line ends
HOSTILE_TYPE = f"{CLEAR_AND_FORGE}{CSI}{BELL} [x](http://x) ![i](http://x/i.png)"
# what no byte of the student's may put on a terminal (rich's own colours are taken out before looking)
TERMINAL_CONTROLS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_RICH_STYLE = re.compile(r"\x1b\[[0-9;]*m")  # SGR: rich's own colours, with force_terminal


def terminal_console(width: int = 200) -> Console:
    """A console that writes what it would write to a real terminal, escape sequences included."""
    return Console(file=io.StringIO(), force_terminal=True, width=width, color_system="truecolor")


def on_terminal(console: Console) -> str:
    """What ``console`` wrote, its own colours taken out: every control character left came from elsewhere."""
    out = console.file.getvalue()  # type: ignore[attr-defined]
    return _RICH_STYLE.sub("", out)


def assert_nothing_acts(shown: str) -> None:
    """No escape sequence, C1 control, bell, backspace or carriage return in ``shown``; the hostile text is
    there, written out."""
    assert not TERMINAL_CONTROLS.search(shown), repr(TERMINAL_CONTROLS.search(shown))
    assert "\\x1b[2J\\x1b[H All submissions graded" in shown


def markdown_tokens(text: str) -> list[Token]:
    """``text`` read as CommonMark with GitHub's tables and raw HTML (as a CI step summary is): every token,
    the inline ones included."""
    parser = MarkdownIt("commonmark", {"html": True}).enable("table")
    tokens = []
    for token in parser.parse(text):
        tokens.append(token)
        tokens += token.children or []
    return tokens


def rendered_text(tokens: list[Token]) -> list[str]:
    """The text of each inline run (a paragraph, a heading, a table cell) as a reader sees it, escapes undone."""
    return ["".join(child.content for child in token.children or [] if child.type in ("text", "code_inline"))
            for token in tokens if token.type == "inline"]


def hostile_result(student: str = "mallory") -> SubmissionResult:
    """A graded submission whose feedback, exception type names and traceback were written by its student."""
    crash = CaseFailure("unbatched", {"x": (5,)}, f"raised {HOSTILE_TYPE}: boom",
                        f'Traceback (most recent call last):\n  File "rnn.py", line 3\n{HOSTILE_TYPE}: {RICH_LINK}')
    return SubmissionResult(
        submission=student, seed=0, device="cpu", kit_version="0.1.0", isolation="process", exercises=[
            ExerciseResult("conv_output_size", "cnn", 0, 5, "error",
                           f'conv_output_size() raised {HOSTILE_TYPE} on case "unbatched": {FENCE_BREAK}\n'
                           f"{CLEAR_AND_FORGE}\n{RICH_LINK}", failures=[crash], smallest_failing_case=crash),
            ExerciseResult("gru_step", "rnn", 0, 10, "failed", f"{FIVE_BACKTICKS}\n{CSI}{BELL}\rpassed"),
            ExerciseResult("linear_beta_schedule", "diffusion", 3, 3, "passed", "all 12 cases pass"),
        ])
