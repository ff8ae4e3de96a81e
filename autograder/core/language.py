"""The language the kit speaks to people: English or French, one catalogue (``autograder.core.messages``)
translated by gettext (``autograder/locale/<lang>/LC_MESSAGES/autograder.po``, compiled to ``.mo`` by
``make generate``).

Chosen, first that says: ``--lang`` on the command line (which sets ``AUTOGRADER_LANG``, so that the
grading processes it starts speak it too), ``AUTOGRADER_LANG``, then the locale (``LC_ALL``,
``LC_MESSAGES``, ``LANG``: ``fr_FR.UTF-8`` speaks French); English otherwise.
"""

from __future__ import annotations

import contextlib
import functools
import gettext
import os
import threading
from collections.abc import Iterator
from pathlib import Path

LANGUAGES = ("en", "fr")
DOMAIN = "autograder"
LOCALE = Path(__file__).resolve().parents[1] / "locale"
VARIABLE = "AUTOGRADER_LANG"
_here = threading.local()  # a language for this thread only: the warm service answers each check in its own


def current() -> str:
    """The language in force now."""
    spoken = getattr(_here, "language", None)
    if spoken:
        return spoken
    chosen = os.environ.get(VARIABLE, "").strip().lower()
    if chosen:
        return _known(chosen)
    for variable in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(variable, "")
        if value:  # the first one set decides, as for the C library
            return "fr" if value.lower().startswith("fr") else "en"
    return "en"


def use(language: str) -> None:
    """Speak ``language`` from now on, in this process and the processes it starts."""
    os.environ[VARIABLE] = _known(language)


@contextlib.contextmanager
def speaking(language: str) -> Iterator[None]:
    """Speak ``language`` in this thread while the block runs."""
    before = getattr(_here, "language", None)
    _here.language = _known(language)
    try:
        yield
    finally:
        _here.language = before


def translate(key: str, english: str, language: str | None = None) -> str:
    """The catalogue's sentence ``key`` (whose English is ``english``) in ``language`` (the current one)."""
    language = language or current()
    if language == "en":
        return english
    return _translations(language).pgettext(key, english)


def prepare(language: str | None = None) -> None:
    """Read the catalogue of ``language`` (the current one) now rather than at its first sentence: a worker
    reads it before the submission it runs can change anything in the process."""
    language = language or current()
    if language != "en":
        _translations(language)


def _known(language: str) -> str:
    short = language.split("_")[0].split("-")[0]
    if short not in LANGUAGES:
        raise ValueError(f"unknown language {language!r}: use {' or '.join(LANGUAGES)}")
    return short


@functools.cache
def _translations(language: str) -> gettext.NullTranslations:
    return gettext.translation(DOMAIN, localedir=LOCALE, languages=[language], fallback=True)
