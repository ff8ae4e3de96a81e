"""The CI step summary of one graded submission, read as GitHub reads it: a student's feedback closes no
fence and forges no heading, link or image; an honest one reads as before."""

from __future__ import annotations

from support.hostile import CLEAR_AND_FORGE, FENCE_BREAK, FIVE_BACKTICKS, hostile_result, markdown_tokens
from support.results import a_result

from autograder.render.markdown import step_summary


def test_hostile_feedback_stays_inside_its_fence() -> None:
    text = step_summary(hostile_result())
    tokens = markdown_tokens(text)
    headings = [t for t in tokens if t.type == "heading_open"]
    assert [t.tag for t in headings] == ["h2"] and tokens[tokens.index(headings[0]) + 1].content == \
        "Autograder: 3 / 18 points"
    assert not [t for t in tokens if t.type in ("link_open", "image", "html_inline")]
    assert all(t.content.startswith(("<details>", "</details>")) for t in tokens if t.type == "html_block")
    fences = [t for t in tokens if t.type == "fence"]
    assert len(fences) == 2  # the error and the failure; nothing after either fence escaped it
    assert FENCE_BREAK in fences[0].content and "\\x1b[2J\\x1b[H All submissions graded" in fences[0].content
    assert fences[1].content.startswith(FIVE_BACKTICKS)
    assert CLEAR_AND_FORGE not in text and "\x9b" not in text and "\x07" not in text
    rows = [t for t in tokens if t.type == "tr_open"]
    assert len(rows) == 4  # the header and one row per exercise: the feedback's first line split no cell


def test_an_honest_summary_reads_as_before() -> None:
    assert step_summary(a_result()) == (
        "## Autograder: 11.5 / 20 points\n"
        "\n"
        "| exercise | points | status | feedback |\n"
        "|---|---|---|---|\n"
        "| `conv_output_size` | 3.5 / 5 | failed | 2 of 20 cases fail |\n"
        "| `gru_step` | 8 / 10 | too slow | correct but 40x slower |\n"
        "| `tfidf` | 0 / 5 | missing | no file nlp.py in the submission |\n"
        "\n"
        "<details><summary><code>conv_output_size</code>: failed</summary>\n"
        "\n"
        "```text\n"
        "2 of 20 cases fail\n"
        "```\n"
        "</details>\n"
        "\n"
        "<details><summary><code>gru_step</code>: too slow</summary>\n"
        "\n"
        "```text\n"
        "correct but 40x slower\n"
        "```\n"
        "</details>\n")
