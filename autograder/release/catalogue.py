"""The README's exercise table and totals, rendered from the specifications.

Why: the table (module, exercise, points, what it asks, reference, timing budget) and the totals under it
(exercises, modules, points, graded fixtures of each kind) used to be written by hand, so every exercise
added meant editing the README and recounting, and the counts drifted. Here they are rendered from
``autograder.specs.all_exercises()`` and the fixtures in ``tests/variants/``, and written between the
markers ``<!-- exercises:begin -->`` and ``<!-- exercises:end -->`` of ``README.md``; nothing outside the
markers is touched. It sits beside ``student``, which renders the student README's table from the same
specifications.

``python -m autograder.release.catalogue [--check] [--readme PATH]`` (``make generate`` runs it with the
other generators); ``--check`` writes nothing and exits 1 when the README is out of date.
"""

from __future__ import annotations

import argparse
import sys
import textwrap
from collections import Counter
from collections.abc import Mapping, Sequence
from pathlib import Path

from autograder.core.spec import Exercise

ROOT = Path(__file__).resolve().parents[2]
README = ROOT / "README.md"
VARIANTS = ROOT / "tests" / "variants"
BEGIN = "<!-- exercises:begin -->"
END = "<!-- exercises:end -->"
NOTE = "<!-- generated from autograder/specs and tests/variants by `make generate`: edit those, not this -->"
WIDTH = 107  # the width the totals were wrapped at by hand
FIXTURE_KINDS = ("correct", "wrong", "forbidden", "slow")  # a fixture's kind is its name up to the first "_"


def fixture_counts(variants: Path = VARIANTS) -> dict[str, int]:
    """How many fixtures of each kind ``tests/variants/<exercise id>/`` holds (the kinds
    ``tests/specs/test_variants.py`` grades), and their ``total``."""
    kinds = Counter(path.stem.split("_")[0] for path in variants.glob("*/*.py"))
    counts = {kind: kinds.get(kind, 0) for kind in FIXTURE_KINDS}
    counts["total"] = sum(kinds.values())
    return counts


def _cell(text: str) -> str:
    """Text safe inside a Markdown table cell: a ``|`` would end the cell."""
    return text.replace("|", "\\|")


def _timed(exercise: Exercise) -> str:
    return "-" if exercise.timing is None else f"≤{exercise.timing.budget:g}x"


def table(exercises: Sequence[Exercise]) -> str:
    """One row per exercise, in the course's order (the order of ``exercises``)."""
    rows = ["| module | exercise | points | what it asks | reference | timed |", "|---|---|---|---|---|---|"]
    rows += [f"| `{ex.module}.py` | `{ex.id}` | {ex.points:g} | {_cell(ex.summary)} | {_cell(ex.reference_note)} "
             f"| {_timed(ex)} |" for ex in exercises]
    return "\n".join(rows)


def _n(count: float, singular: str, plural: str | None = None) -> str:
    return f"{count:g} {singular if count == 1 else plural or singular + 's'}"


def totals(exercises: Sequence[Exercise], fixtures: Mapping[str, int]) -> str:
    """The paragraph under the table: how many exercises, modules and points, and fixtures of each kind."""
    modules = len({ex.module for ex in exercises})
    points = sum(ex.points for ex in exercises)
    text = (
        f"{_n(len(exercises), 'exercise')} in {_n(modules, 'module')}, {_n(points, 'point')}. Each exercise's "
        f"cases were chosen against the mistakes students make; `tests/variants/` holds "
        f"{_n(fixtures['total'], 'graded fixture')}: {_n(fixtures['wrong'], 'wrong answer')} (swapped update "
        "gate, softmax over the queries, unbiased variance in batch norm, σ² − ε, a flipped kernel, CS231n's "
        "LSTM gate order, the Slaney mel scale, noise added at t = 0...), each caught with a case named in the "
        f"feedback; {_n(fixtures['correct'], 'correct answer')} written differently from the key (einsum, "
        "loops, numpy, unfold), each given full marks; "
        f"{_n(fixtures['forbidden'], 'use', 'uses')} of the reference under another name, each `forbidden`; "
        f"{_n(fixtures['slow'], 'element-by-element loop')}, each `too_slow`."
    )
    return _wrap(text)


def _wrap(text: str) -> str:
    return textwrap.fill(text, WIDTH, break_long_words=False, break_on_hyphens=False)


def render(exercises: Sequence[Exercise], fixtures: Mapping[str, int]) -> str:
    """What goes between the markers: the note that it is generated, the table, the totals."""
    return f"{NOTE}\n\n{table(exercises)}\n\n{totals(exercises, fixtures)}"


def splice(text: str, body: str) -> str:
    """``text`` (a README) with what lies between its markers replaced by ``body``."""
    if text.count(BEGIN) != 1 or text.count(END) != 1 or text.index(BEGIN) > text.index(END):
        raise ValueError(f"the README needs exactly one {BEGIN} followed by one {END}")
    start = text.index(BEGIN) + len(BEGIN)
    return f"{text[:start]}\n{body}\n{text[text.index(END):]}"


def current() -> str:
    """The region as the specifications and fixtures of this checkout render it."""
    from autograder.specs import all_exercises

    return render(all_exercises(), fixture_counts())


def update(readme: Path = README, check: bool = False) -> bool:
    """Rewrite the region of ``readme`` (with ``check``, only compare); True when it was out of date."""
    text = readme.read_text(encoding="utf-8")
    wanted = splice(text, current())
    if wanted == text:
        return False
    if not check:
        readme.write_text(wanted, encoding="utf-8")
    return True


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m autograder.release.catalogue",
                                     description=__doc__.split("\n\n")[0])
    parser.add_argument("--readme", type=Path, default=README, help="the README to update (default: README.md)")
    parser.add_argument("--check", action="store_true",
                        help="write nothing; exit 1 if the exercise table differs from what the specs give")
    args = parser.parse_args(argv)
    stale = update(args.readme, check=args.check)
    if stale and args.check:
        print(f"{args.readme}: exercise table out of date; regenerate it with: make generate")
        return 1
    print(f"{args.readme}: exercise table {'written' if stale else 'up to date'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
