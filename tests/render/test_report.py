"""The class report (report.html), built from hand-made records (nothing is graded), read as text and then
loaded by a real browser (headless Chromium): it renders, its charts and links are there, and nothing a
student wrote runs or breaks out of its place."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from PIL import Image
from support.browser import Elements, dump_dom, screenshot
from support.hostile import HOSTILE_TYPE, hostile_result
from support.results import a_result

from autograder.batch.gradebook import Record
from autograder.core.result import ExerciseResult
from autograder.render import report
from autograder.render.safe_text import html
from autograder.specs import all_exercises

EXERCISES = [ex for ex in all_exercises() if ex.id in ("conv_output_size", "gru_step", "tfidf",
                                                        "scaled_dot_product_attention")]
SECRET_SEED = 0x9F3C_51A2_77E0_4B19_C0DE_1234_ABCD_5678
# a student id (a folder's name) and feedback (an exception's message) written to break out of the page
HOSTILE_ID = '<script>document.title="pwned"</script></svg><img src=x onerror="document.title=1">'
BREAKOUT = '</pre></code></svg></section><script>document.title="pwned"</script><style>body{display:none}</style>'


def _timed(exercise: str, module: str, ratio: float, status: str = "passed", points: float = 10) -> ExerciseResult:
    score = points if status == "passed" else points * 0.8
    return ExerciseResult(exercise, module, score, points, status, f"all 31 cases pass; {ratio:.1f}x",
                          cases_passed=31, cases_total=31,
                          timing={"ratio": ratio, "budget": 10.0, "student_seconds": 0.2})


def _student(name: str, number: int) -> Record:
    result = a_result(name, score=[3.5, 2, 0, 4.5][number % 4])
    result.seed = SECRET_SEED  # as a run with --seed would hold it: the report never shows it
    result.exercises[1] = _timed("gru_step", "rnn", 0.8 + 3.1 * number, "passed" if number < 3 else "too_slow")
    result.exercises.append(_timed("scaled_dot_product_attention", "attention", 1.2 + number))
    return Record(name, "graded", source=f"/class/{name}", result=result, seconds=2.0, run_id=1)


def records() -> list[Record]:
    honest = [_student(name, i) for i, name in enumerate(["ada", "grace", "john", "katherine", "linus"])]
    hostile = hostile_result(HOSTILE_ID)
    hostile.exercises.append(ExerciseResult("tfidf", "nlp", 0, 5, "failed", BREAKOUT + "\n" + HOSTILE_TYPE))
    return [*honest, Record(HOSTILE_ID, "graded", notes=[BREAKOUT], result=hostile, seconds=1.0),
            Record("p_empty", "empty", "no .py or .ipynb file in the submission", source="/class/p_empty")]


def test_the_page_is_self_contained_and_escapes_every_student_text() -> None:
    page = report.report_html(records(), EXERCISES)
    assert page.startswith("<!DOCTYPE html>") and "Content-Security-Policy" in page
    assert not re.search(r"<script", page, re.I)  # neither ours nor a student's
    assert not re.search(r"\b(src|href)=\"(https?:)?//", page)  # nothing fetched
    assert html(HOSTILE_ID) in page and html(BREAKOUT) in page
    assert len(re.findall(r"<svg\b", page)) == 3  # distribution, pass rates, timing
    assert str(SECRET_SEED) not in page and f"{SECRET_SEED:x}" not in page
    # the most common failing case among those who attempted tfidf: not "missing"
    row = re.search(r"<code>tfidf</code>.*?</tr>", page).group()
    assert "missing" not in row and 'failed on case' not in row and ">1<" in row  # attempted by one (the hostile)


def test_students_who_handed_in_the_same_code_are_shown_once_and_the_pairs_are_capped() -> None:
    """40 students with one code for gru_step (every two of them 100%) and a chain of near-copies for tfidf:
    one group with one copy of the code, not 780 pairs shown twice; the pairs outside a group, the most
    similar first, up to SHOWN_PAIRS, then how many more similarity.csv holds."""
    from autograder.batch.similarity import Pair

    same = [f"s{i:02d}" for i in range(40)]
    pairs = [Pair("gru_step", a, b, 1.0, f"def gru_step(): # {a}", f"def gru_step(): # {b}")
             for i, a in enumerate(same) for b in same[i + 1:]]
    near = [Pair("tfidf", f"t{i:03d}", f"t{i + 1:03d}", 0.9 + i / 10_000, f"code of t{i:03d}", f"code of t{i + 1:03d}")
            for i in range(report.SHOWN_PAIRS + 5)]
    # two students outside the group whose code is like a member's: their pair with it is shown
    pairs += near + [Pair("gru_step", "s00", "x", 0.95, "def gru_step(): # s00", "def gru_step(): # x")]
    page = report.report_html(records(), EXERCISES, pairs)
    assert page.count("def gru_step(): # s00") == 2 and "def gru_step(): # s01" not in page  # group, pair with x
    assert ", ".join(same) in page and report.SHOWN_PAIRS == page.count('class="pair"')
    assert "s00 &amp; x (95%)" in page
    assert "t064 &amp; t065" in page and "t000 &amp; t001" not in page  # the least similar of the chain left out
    assert "6 more similar pairs" in page  # 65 of the chain and x's pair: 66, 60 shown
    assert len(page) < len(report.report_html(records(), EXERCISES)) + 40_000


@pytest.fixture(scope="module")
def rendered(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    folder = tmp_path_factory.mktemp("report")
    path = report.write_report(folder, records(), EXERCISES)
    return path, dump_dom(path, folder)


@pytest.mark.slow(seconds=8)  # Chromium's start
def test_chromium_renders_the_charts_and_links_both_ways(rendered: tuple[Path, str]) -> None:
    _, dom = rendered
    page = Elements(dom)
    assert len([svg for svg in page.tags("svg") if svg.get("class") == "chart"]) == 3
    sections = [s["id"] for s in page.tags("section")]
    assert sections == [f"student-{i}" for i in range(1, 8)]
    links = [a["href"] for a in page.tags("a")]
    rows = [tr["id"] for tr in page.tags("tr") if tr.get("id")]
    for i in range(1, 8):  # table row -> section, section -> the row
        assert f"#student-{i}" in links and f"#row-{i}" in links and f"row-{i}" in rows


def test_nothing_a_student_wrote_runs_or_breaks_out(rendered: tuple[Path, str]) -> None:
    _, dom = rendered
    page = Elements(dom)
    assert page.tags("script") == [] and page.tags("img") == [] and page.tags("style") != []
    assert len(page.tags("style")) == 1 + 3  # the page's own, and one inside each chart
    assert not [attrs for _, attrs in page.elements if any(name.startswith("on") for name in attrs)]
    assert "<title>Autograder: class report</title>" in dom  # no script of theirs changed it
    assert len(page.tags("section")) == 7  # the breakout closed no section early


@pytest.mark.slow(seconds=8)
def test_the_screenshot_is_a_page_not_a_blank(rendered: tuple[Path, str], tmp_path: Path) -> None:
    path, _ = rendered
    png = screenshot(path, tmp_path / "report.png", tmp_path)
    assert png.stat().st_size > 20_000
    with Image.open(png) as image:
        pixels = image.convert("RGB").resize((320, 500))
        colours = pixels.getcolors(maxcolors=1 << 16) or []
        dark = sum(count for count, (r, g, b) in colours if r + g + b < 600)
    assert len(colours) > 50  # text, charts and tables, not one flat colour
    assert dark > 0.02 * 320 * 500


def test_autograder_report_rebuilds_it_from_the_gradebook(tmp_path: Path) -> None:
    from support.results import CONFIG

    from autograder.batch.gradebook import Gradebook
    from autograder.cli import main

    with Gradebook(tmp_path / "gradebook.db") as gradebook:
        run = gradebook.start_run(dict(CONFIG, exercises=None), "/class", "local:1", "grade-all")
        for record in records():
            gradebook.record(run, CONFIG["key"], record)
        gradebook.finish_run(run)
    assert main(["report", str(tmp_path)]) == 0
    page = (tmp_path / report.FILE_NAME).read_text(encoding="utf-8")
    assert page.count('<section class="student"') == 7 and html(HOSTILE_ID) in page
    assert "<code>gru_step</code>" in page and str(SECRET_SEED) not in page
    assert main(["report", str(tmp_path / "elsewhere")]) == 2  # no gradebook there: a clear error
