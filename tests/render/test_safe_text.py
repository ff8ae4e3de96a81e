"""Text a student controls, made harmless per medium: each attack, and the honest text it must leave alone."""

from __future__ import annotations

import csv
import io
import xml.etree.ElementTree as ET

import pytest
from markdown_it import MarkdownIt
from rich.markup import escape
from support.hostile import (
    BELL,
    CLEAR_AND_FORGE,
    CSI,
    FENCE_BREAK,
    FIVE_BACKTICKS,
    FORMULA_IDS,
    RICH_LINK,
    TERMINAL_CONTROLS,
    assert_nothing_acts,
    markdown_tokens,
    on_terminal,
    terminal_console,
)

from autograder.render import safe_text

HONEST = ["ada", "ada_lovelace", "Jean-Luc Picard", "o'brien", "müller", "李雷", "s123@univ.example", "2024-ada",
          'conv_output_size() raised ValueError on case "unbatched": expected shape (7,), got (1, 7)',
          "not UTF-8 text: extra.py (byte 0xff at offset 3); its exercises score 0"]


def _through_csv(cells: list[str]) -> list[str]:
    """The row as a spreadsheet reads it back."""
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerow(cells)
    (row,) = csv.reader(io.StringIO(buffer.getvalue()))
    return row


@pytest.mark.parametrize("student_id", FORMULA_IDS)
def test_a_formula_in_a_csv_cell_is_quoted(student_id: str) -> None:
    (cell,) = _through_csv([safe_text.csv_cell(student_id)])
    assert cell.startswith("'") and not TERMINAL_CONTROLS.search(cell)
    assert cell[1:] == safe_text.visible(student_id)  # what follows the quote is the id, written out


def test_honest_text_is_the_same_cell() -> None:
    assert _through_csv([safe_text.csv_cell(text) for text in HONEST]) == HONEST
    # a control character anywhere is written out, and one first still hides no formula behind it
    assert safe_text.csv_cell("a\x1b[2Jb") == "a\\x1b[2Jb"
    assert safe_text.csv_cell("\x00=1+1") == "\\x00=1+1"
    assert safe_text.csv_cell("\t=1+1") == "'\\x09=1+1"


@pytest.mark.parametrize("text", [CLEAR_AND_FORGE, CSI + "x", BELL + "x", "x\rpassed", "x\bX", "\x1b]8;;http://x\x07",
                                  "\u202eevil", "\udcff.zip", "a\nb"])
def test_the_terminal_sees_control_characters_written_out(text: str) -> None:
    shown = safe_text.terminal(text)
    assert not TERMINAL_CONTROLS.search(shown) and "\n" not in shown and "\u202e" not in shown
    shown.encode("utf-8")  # a lone surrogate (a file name that is not UTF-8) would not even print
    console = terminal_console()
    console.print(safe_text.markup(text), highlight=False)
    assert not TERMINAL_CONTROLS.search(on_terminal(console))


def test_the_terminal_shows_a_forged_screen_as_text() -> None:
    console = terminal_console()
    console.print(safe_text.terminal(CLEAR_AND_FORGE), markup=False, highlight=False)
    assert_nothing_acts(on_terminal(console))
    assert safe_text.terminal(CSI + BELL) == "\\x9b31m\\x07"


def test_a_block_keeps_its_lines_but_not_its_carriage_returns() -> None:
    block = "Traceback:\n\tFile 'rnn.py'\r\nValueError: fake\rpassed"
    assert safe_text.terminal(block, multiline=True) == "Traceback:\n\tFile 'rnn.py'\nValueError: fake\\x0dpassed"


def test_rich_markup_from_a_student_is_shown_not_obeyed() -> None:
    console = terminal_console()
    console.print(f"[red]error:[/red] {safe_text.markup(RICH_LINK)}", highlight=False)
    out = console.file.getvalue()
    assert "\x1b]8;" not in out and RICH_LINK in on_terminal(console)


def test_honest_text_on_the_terminal_is_unchanged() -> None:
    for text in HONEST:
        assert safe_text.terminal(text) == text and safe_text.markup(text) == escape(text)
    assert safe_text.terminal("line one\n\tline two", multiline=True) == "line one\n\tline two"


def test_markdown_inside_a_line_makes_no_heading_link_image_or_html() -> None:
    attack = f"{FENCE_BREAK} {FIVE_BACKTICKS} <img src=x> <http://x> *bold* _em_ ~~gone~~ a|b \\[x](y)"
    text = f"## Title\n\n| cell |\n|---|\n| {safe_text.markdown(attack)} |\n"
    tokens = markdown_tokens(text)
    assert [t.tag for t in tokens if t.type == "heading_open"] == ["h2"]
    assert not [t for t in tokens if t.type in ("link_open", "image", "html_inline", "html_block", "code_inline",
                                               "em_open", "strong_open", "s_open", "fence")]
    assert [t.type for t in tokens].count("td_open") == 1  # the pipe did not split the cell


def test_markdown_shows_the_text_as_typed() -> None:
    attack = "[link](http://x) <b>&amp; `code` *a* __init__ a|b \\ # $x$"
    rendered = MarkdownIt("commonmark").render(safe_text.markdown(attack)).removeprefix("<p>").removesuffix("</p>\n")
    assert rendered == attack.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def test_honest_markdown_is_unchanged() -> None:
    for text in ("ada", "ada_lovelace", "gru_step", "Jean-Luc Picard", "s123@univ.example", "müller",
                 'failed on case "dilation"', "rnn.py does not import (SyntaxError)",
                 "expected shape (7,), got (1, 7)"):
        assert safe_text.markdown(text) == text


@pytest.mark.parametrize("text", [FENCE_BREAK, FIVE_BACKTICKS, "``", "no backticks", "````````````"])
def test_a_fence_holds_whatever_is_inside(text: str) -> None:
    page = f"## Autograder: 0 / 5 points\n\n{safe_text.markdown_fence(text)}\n\nafter\n"
    tokens = markdown_tokens(page)
    assert [t.tag for t in tokens if t.type == "heading_open"] == ["h2"]
    assert not [t for t in tokens if t.type in ("link_open", "image")]
    (fence,) = [t for t in tokens if t.type == "fence"]
    assert fence.content == text + "\n" and fence.info == "text"
    assert tokens[-2].content == "after"  # the paragraph after the fence is outside it


def test_html_and_xml() -> None:
    assert safe_text.html('<b class="x">&</b>') == "&lt;b class=&quot;x&quot;&gt;&amp;&lt;/b&gt;"
    text = f"{CLEAR_AND_FORGE}\x00{CSI}{BELL}\ufffe\udcff\nsecond line\tend"
    element = ET.Element("error", message=safe_text.xml(text))
    element.text = safe_text.xml(text)
    parsed = ET.fromstring(ET.tostring(element, encoding="utf-8"))
    assert parsed.text == parsed.get("message") == safe_text.xml(text)
    assert parsed.text.endswith("\nsecond line\tend") and not TERMINAL_CONTROLS.search(parsed.text)
