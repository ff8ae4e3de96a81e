"""Regenerate everything derived from the exercises, in one command: ``make generate``.

Why: an exercise is four sources (the stub in ``exercises/``, its solution in ``solutions/``, its
specification in ``autograder/specs/``, its fixtures in ``tests/variants/<id>/``), and four committed
artefacts are derived from them. Each has its own generator and its own drift test; this runs them all, so
adding an exercise never means remembering which:

- ``exercises/<module>.ipynb``, by :mod:`autograder.notebooks.generate`
  (drift test: ``tests/notebooks/test_notebooks.py``);
- the exercise table and totals of ``README.md``, by :mod:`autograder.release.catalogue`
  (``tests/release/test_catalogue.py``);
- ``autograder/listing.py`` (the exercises as ``autograder list`` shows them, without PyTorch), by
  :mod:`autograder.release.listing` (``tests/release/test_listing.py``);
- ``examples/sample_class/``, by ``examples/build_sample_class.py`` (``tests/test_sample_class.py``).

``python -m autograder.release.regenerate [--check]``; ``--check`` writes nothing, names every stale
artefact and exits 1 if there is one.
"""

from __future__ import annotations

import argparse
import importlib.util
import sys
import tempfile
from collections.abc import Callable, Mapping
from pathlib import Path
from types import ModuleType

from autograder.release import catalogue, listing

ROOT = catalogue.ROOT
BUILDER = ROOT / "examples" / "build_sample_class.py"

# a step regenerates one artefact (with ``check``, only compares) and returns the paths that were stale
Step = Callable[[bool], list[Path]]


def notebooks(check: bool) -> list[Path]:
    from autograder.notebooks import generate

    return generate.write_notebooks(check=check)


def french_notebooks(check: bool) -> list[Path]:
    """The notebooks of ``exercises/fr/``: the same exercises, their statements and the kit's words in French."""
    from autograder.notebooks import generate

    return generate.write_notebooks(generate.statements("fr"), check=check, lang="fr")


def readme(check: bool) -> list[Path]:
    return [catalogue.README] if catalogue.update(catalogue.README, check=check) else []


def exercise_listing(check: bool) -> list[Path]:
    return [listing.LISTING] if listing.update(listing.LISTING, check=check) else []


def sample_class(check: bool) -> list[Path]:
    """Build the sample class into a temporary folder and compare; rebuild it in place if it differs."""
    builder = _builder()
    with tempfile.TemporaryDirectory() as temporary:
        built = Path(temporary) / "sample_class"
        builder.build(built)
        stale = differences(built, builder.OUT)
    if stale and not check:
        builder.build(builder.OUT)
    return stale


def _builder() -> ModuleType:
    """``examples/build_sample_class.py``, which is a script in the kit, not part of the package."""
    if not BUILDER.exists():
        raise FileNotFoundError(f"{BUILDER} is missing: `make generate` runs in the kit's repository")
    spec = importlib.util.spec_from_file_location("build_sample_class", BUILDER)
    if spec is None or spec.loader is None:  # not for a .py file, which always has a source loader
        raise ImportError(f"{BUILDER} cannot be loaded as a Python module")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def differences(built: Path, shipped: Path) -> list[Path]:
    """The files of ``shipped`` that differ from ``built``'s, are missing from it or are not in ``built``."""
    def files(folder: Path) -> dict[Path, bytes]:
        return {p.relative_to(folder): p.read_bytes() for p in sorted(folder.rglob("*"))
                if p.is_file() and "__pycache__" not in p.parts} if folder.exists() else {}

    new, old = files(built), files(shipped)
    return [shipped / name for name in sorted(new.keys() | old.keys()) if new.get(name) != old.get(name)]


def translations(check: bool) -> list[Path]:
    from autograder.release import translations  # Babel: a development dependency, as make generate is

    return translations.update(check)


STEPS: dict[str, Step] = {"notebooks": notebooks, "French notebooks": french_notebooks, "README exercise table": readme,
                          "exercise listing": exercise_listing, "sample class": sample_class,
                          "translations": translations}


def run(check: bool, steps: Mapping[str, Step] = STEPS) -> int:
    """Run every step; with ``check``, write nothing and return 1 if any artefact is stale."""
    stale = False
    for name, step in steps.items():
        paths = step(check)
        stale |= bool(paths)
        for path in paths:
            print(f"{name}: {_shown(path)} {'out of date' if check else 'written'}")
        if not paths:
            print(f"{name}: up to date")
    if check and stale:
        print("regenerate with: make generate")
        return 1
    return 0


def _shown(path: Path) -> str:
    return str(path.relative_to(ROOT)) if path.is_relative_to(ROOT) else str(path)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m autograder.release.regenerate",
                                     description=__doc__.split("\n\n")[0])
    parser.add_argument("--check", action="store_true",
                        help="write nothing; name every stale artefact and exit 1 if there is one")
    return run(parser.parse_args(argv).check)


if __name__ == "__main__":
    sys.exit(main())
