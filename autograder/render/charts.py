"""The charts of the class report, drawn by matplotlib as SVG text to sit inside the HTML page.

Each chart is one short function of plain numbers and exercise ids (the course's own names, never a
student's text) that returns an ``<svg>`` element: no file, no display, no network. Text stays text
(``svg.fonttype = none``), so the page stays small, searchable and sharp when printed; each chart gets its
own id salt, so that the ids of two charts on one page never collide.
"""

from __future__ import annotations

import io
import re
from collections.abc import Mapping, Sequence

import matplotlib

matplotlib.use("Agg")  # no display: charts are only ever written as SVG

from matplotlib.figure import Figure  # noqa: E402 (after the backend is chosen)
from matplotlib.ticker import MaxNLocator, ScalarFormatter  # noqa: E402

from autograder.core.messages import say  # noqa: E402

_COLOURS = {"bar": "#4c72b0", "pass": "#55a868", "fail": "#c44e52", "line": "#333333"}
_PROLOGUE = re.compile(r"\A.*?(?=<svg\b)", re.S)  # the XML declaration, doctype and comments before <svg


def to_svg(figure: Figure, salt: str) -> str:
    """``figure`` as an inline ``<svg>`` element (its ids salted with ``salt``), sized by the page."""
    buffer = io.StringIO()
    with matplotlib.rc_context({"svg.fonttype": "none", "svg.hashsalt": salt}):
        figure.savefig(buffer, format="svg", metadata={"Date": None, "Creator": None}, bbox_inches="tight")
    svg = _PROLOGUE.sub("", buffer.getvalue(), count=1)
    # the page decides the size: the chart keeps its proportions (viewBox) and fills its box
    return re.sub(r'<svg([^>]*?) width="[^"]*" height="[^"]*"', r'<svg\1 class="chart" role="img"', svg, count=1)


def _figure(width: float = 7.0, height: float = 3.0) -> Figure:
    return Figure(figsize=(width, height), dpi=100, layout="constrained")


def score_distribution(totals: Sequence[float], max_score: float) -> str:
    """A histogram of the students' totals, from 0 to ``max_score``."""
    figure = _figure()
    axes = figure.add_subplot()
    bins = max(5, min(20, int(max_score) or 1))
    axes.hist(list(totals), bins=bins, range=(0, max(max_score, 1e-9)), color=_COLOURS["bar"], edgecolor="white")
    axes.set_xlabel(say("chart_total"))
    axes.set_ylabel(say("chart_students"))
    axes.set_xlim(0, max(max_score, 1e-9))
    axes.yaxis.set_major_locator(MaxNLocator(integer=True))  # whole students
    return to_svg(figure, "scores")


def pass_rates(rates: Mapping[str, float]) -> str:
    """One horizontal bar per exercise: the share of graded students who passed it, in percent."""
    names = list(rates)[::-1]  # the course's first exercise at the top
    figure = _figure(height=max(2.0, 0.22 * len(names) + 0.8))
    axes = figure.add_subplot()
    values = [100 * rates[name] for name in names]
    colours = [_COLOURS["pass"] if value >= 50 else _COLOURS["fail"] for value in values]
    axes.barh(names, values, color=colours)
    axes.set_xlim(0, 100)
    axes.set_xlabel(say("chart_passed"))
    axes.tick_params(axis="y", labelsize=8)
    return to_svg(figure, "pass-rates")


def timing_ratios(ratios: Mapping[str, Sequence[float]], budgets: Mapping[str, float]) -> str:
    """Per timed exercise, each student's time as a multiple of the reference's (a dot each, log scale),
    and the exercise's budget (a red tick)."""
    names = list(ratios)[::-1]
    figure = _figure(height=max(2.0, 0.35 * len(names) + 0.9))
    axes = figure.add_subplot()
    for row, name in enumerate(names):
        values = list(ratios[name])
        axes.scatter(values, [row] * len(values), s=14, alpha=0.6, color=_COLOURS["bar"])
        if name in budgets:
            axes.plot([budgets[name]] * 2, [row - 0.35, row + 0.35], color=_COLOURS["fail"], linewidth=2)
    axes.set_xscale("log")
    axes.xaxis.set_major_formatter(ScalarFormatter())  # 1, 10, 100: not 10^0, 10^1
    axes.set_yticks(range(len(names)), names)
    axes.set_ylim(-0.6, len(names) - 0.4)
    axes.set_xlabel(say("chart_ratio"))
    axes.tick_params(axis="y", labelsize=8)
    return to_svg(figure, "timing")
