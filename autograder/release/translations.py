"""The French catalogue kept in step with the English one, and compiled for gettext.

The English sentences of ``autograder.core.messages`` are the source; each language's ``autograder.po``
(``autograder/locale/<lang>/LC_MESSAGES/``) holds its translations, each under its key as gettext context.
``make generate`` updates every ``.po`` from the English (Babel: a new sentence comes in untranslated, a
changed one is marked fuzzy, which gettext then ignores, so the English shows until someone translates it
again) and compiles it to the ``.mo`` that gettext reads at run time; with ``--check`` it only says what is
stale. ``tests/core/test_language.py`` fails while a sentence lacks its translation.

The exercises' summaries are part of the catalogue (``summary:<id>``) without being written in it: the
summary in each specification stays the source, read here from the specifications themselves.
"""

from __future__ import annotations

import datetime
import io
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.mofile import read_mo, write_mo
from babel.messages.pofile import read_po, write_po

from autograder.core.language import DOMAIN, LANGUAGES, LOCALE
from autograder.core.messages import MESSAGES, SUMMARY, summaries

# a fixed date in the headers: regenerating an unchanged catalogue must give the same bytes
STAMP = datetime.datetime(2026, 1, 1, tzinfo=datetime.UTC)


def template() -> Catalog:
    """Every English sentence of the catalogue, under its key."""
    catalog = _catalog(None)
    for key, english in english_sentences().items():
        catalog.add(english, context=key)
    return catalog


def english_sentences() -> dict[str, str]:
    """The catalogue, its exercise summaries read from the specifications themselves: ``make generate``
    rewrites ``autograder/listing.py`` in the same run, after ``MESSAGES`` read the old one."""
    from autograder.specs import all_exercises

    sentences = {key: english for key, english in MESSAGES.items() if not key.startswith(SUMMARY)}
    return sentences | summaries((ex.id, ex.summary) for ex in all_exercises())


def po_path(language: str) -> Path:
    return LOCALE / language / "LC_MESSAGES" / f"{DOMAIN}.po"


def read(language: str) -> Catalog:
    path = po_path(language)
    if not path.exists():
        return _catalog(language)
    with path.open("rb") as handle:
        return read_po(handle, locale=language, domain=DOMAIN)


def update(check: bool) -> list[Path]:
    """Bring every translation up to date with the English and compile it; the paths that were stale.

    Staleness is judged on the translations themselves, not the bytes: another Babel version writes other
    headers for the same catalogue."""
    stale = []
    for language in LANGUAGES[1:]:
        catalog = read(language)
        catalog.update(template(), no_fuzzy_matching=True)
        catalog.obsolete.clear()  # a sentence the kit no longer says is dropped, not kept commented out
        catalog.creation_date = catalog.revision_date = STAMP
        po, mo = po_path(language), po_path(language).with_suffix(".mo")
        outdated = [(po, _po_bytes(catalog))] if not po.exists() or _entries(read(language)) != _entries(catalog) \
            else []
        if not mo.exists() or _entries(_read_mo(mo), fuzzy=False) != _entries(catalog, fuzzy=False):
            outdated.append((mo, _mo_bytes(catalog)))
        for path, content in outdated:
            stale.append(path)
            if not check:
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_bytes(content)
    return stale


def _entries(catalog: Catalog, fuzzy: bool = True) -> list[tuple]:
    """What a catalogue says, header aside: each sentence's key, English, translation and fuzziness (or,
    without ``fuzzy``, only what gettext would use: the translations that are not fuzzy)."""
    return sorted((str(m.context), str(m.id), str(m.string), m.fuzzy) for m in catalog
                  if m.id and (fuzzy or (m.string and not m.fuzzy)))


def _read_mo(path: Path) -> Catalog:
    with path.open("rb") as handle:
        return read_mo(handle)


def _catalog(language: str | None) -> Catalog:
    return Catalog(locale=language, domain=DOMAIN, project="dl-autograder", version="",
                   copyright_holder="dl-autograder", msgid_bugs_address="", creation_date=STAMP,
                   revision_date=STAMP, last_translator="", language_team="", fuzzy=False)


def _po_bytes(catalog: Catalog) -> bytes:
    out = io.BytesIO()
    write_po(out, catalog, width=116, sort_output=False, ignore_obsolete=True, include_previous=False)
    return out.getvalue()


def _mo_bytes(catalog: Catalog) -> bytes:
    out = io.BytesIO()
    write_mo(out, catalog)  # fuzzy translations left out: gettext falls back to the English
    return out.getvalue()
