"""Text that a student controls, made harmless for each place it is shown or written.

A student chooses their id (the name of their folder or archive), the names of the members of their
archive, the messages and the very type names of the exceptions their code raises, and so much of the
feedback and of the tracebacks. Each medium has its own way to be fooled by such text:

- a terminal obeys escape sequences (``\\x1b[2J`` clears the screen, ``\\x9b`` is a one-byte CSI, ``\\x07``
  rings, ``\\r`` and ``\\b`` overwrite what is already shown), and rich reads ``[link=...]`` as markup;
- a spreadsheet runs a cell that begins with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return as a
  formula (OWASP's CSV injection);
- Markdown makes headings, links and images out of punctuation, and a run of backticks closes a fence;
- XML 1.0 cannot hold most control characters at all: one of them makes the whole file unparseable.

One function per medium, used by every writer: :func:`terminal` (and :func:`markup` for text inside rich
markup), :func:`csv_cell`, :func:`markdown` and :func:`markdown_fence`, :func:`html`, :func:`xml`. Each
shows a control character the same way, as Python writes it in a string (``\\x1b``, ``\\x9b``, ``\\u202e``),
so the instructor sees that something was there and nothing acts on it. Text without control characters
or markup comes out of each of them unchanged (but for the escapes Markdown and HTML need).
"""

from __future__ import annotations

import html as _html
import re

from rich.markup import escape as _rich_escape

# C0 controls, DEL, C1 controls (0x9b is a one-byte CSI), the bidirectional overrides and isolates that
# reorder what a line shows (CVE-2021-42574), lone surrogates (a file name that is not UTF-8: no UTF-8 file
# or terminal can take one) and the two non-characters XML 1.0 refuses
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff\ufffe\uffff]")
# the same, but for line feeds and tabs: a block of several lines (feedback, a traceback) keeps its lines
_CONTROL_IN_BLOCK = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff\ufffe\uffff]")


def visible(text: object, *, multiline: bool = False) -> str:
    """``text`` with every control character written out as Python writes it (``\\x1b``); with
    ``multiline``, line feeds and tabs are kept (and ``\\r\\n`` read as a line feed)."""
    text = str(text)
    if multiline:
        return _CONTROL_IN_BLOCK.sub(_escaped, text.replace("\r\n", "\n"))
    return _CONTROL.sub(_escaped, text)


def _escaped(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


# -- the terminal ---------------------------------------------------------------------------------------
def terminal(text: object, *, multiline: bool = False) -> str:
    """Plain text for a terminal (printed with ``markup=False``, or as a rich ``Text``): no escape sequence,
    no carriage return or backspace, and no line break unless ``multiline``."""
    return visible(text, multiline=multiline)


def markup(text: object, *, multiline: bool = False) -> str:
    """:func:`terminal`, escaped to sit inside rich markup (``[red]...[/red]``, a table cell): a student's
    ``[link=...]`` or ``[/]`` is shown, not obeyed."""
    return _rich_escape(terminal(text, multiline=multiline))


# -- CSV ------------------------------------------------------------------------------------------------
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")  # OWASP's list: what a spreadsheet may run as a formula


def csv_cell(text: object) -> str:
    """A text cell of a CSV (never a number: scores are written as numbers): its control characters shown,
    and a leading ``'`` where a spreadsheet would read a formula, as OWASP advises."""
    text = str(text)
    shown = visible(text)
    return "'" + shown if text.startswith(_FORMULA_START) or shown.startswith(_FORMULA_START) else shown


# -- Markdown -------------------------------------------------------------------------------------------
# what can start a Markdown or HTML construct inside a line: emphasis, code spans, links and images, raw
# HTML and autolinks, entities, strikethrough, table cells, GitHub's math, and a heading's mark
_MARKDOWN_SPECIAL = re.compile(r"[\\`*\[\]<>&|~$#]|(?<![^\W_])_|_(?![^\W_])")


def markdown(text: object) -> str:
    """Text inside a line of Markdown (a table cell, a sentence): on one line, its punctuation escaped so
    that it shows as typed and makes no heading, link, image, HTML, emphasis or cell boundary. An
    underscore inside a word (``gru_step``, ``ada_lovelace``) makes no emphasis and is left alone."""
    return _MARKDOWN_SPECIAL.sub(lambda m: "\\" + m.group(), visible(text))


def markdown_fence(text: object, info: str = "text") -> str:
    """``text`` as a fenced code block, its fence a run of backticks longer than any run inside it
    (CommonMark's rule), so that nothing in it closes the block early; its lines are kept."""
    body = visible(text, multiline=True).rstrip("\n")
    longest = max((len(run) for run in re.findall("`+", body)), default=0)
    fence = "`" * max(3, longest + 1)
    return f"{fence}{info}\n{body}\n{fence}"


# -- HTML and XML ---------------------------------------------------------------------------------------
def html(text: object) -> str:
    """Text inside HTML (an element or an attribute's value): its control characters shown, ``<>&"'``
    escaped."""
    return _html.escape(visible(text, multiline=True))


def xml(text: object) -> str:
    """Text XML 1.0 can hold, for ElementTree to escape (an element's text or an attribute's value): no
    control character, which would make the file unparseable, but line feeds and tabs."""
    return visible(text, multiline=True)
