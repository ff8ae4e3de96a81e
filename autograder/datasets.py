"""Small text data sets shipped with the kit, in ``datasets/`` at the repository root."""

from __future__ import annotations

import re
from pathlib import Path

DATASETS = Path(__file__).resolve().parents[1] / "datasets"


def load_corpus(name: str) -> list[list[str]]:
    """Read ``datasets/<name>.txt``: one document per line, lower-cased and split on whitespace.

    A blank line is an empty document (``[]``); the newline that ends the file does not start one.
    """
    # a plain file name only: the name comes from a spec's parameters, never a path to wander with
    if not re.fullmatch(r"[A-Za-z0-9_-]+", name):
        raise ValueError(f"not a corpus name: {name!r}")
    text = (DATASETS / f"{name}.txt").read_text(encoding="utf-8")
    return [line.lower().split() for line in text.splitlines()]
