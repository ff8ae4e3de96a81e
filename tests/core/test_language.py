"""English and French: one catalogue, its French translation complete and in step, the language chosen as
the command line, the environment or the locale says."""

from __future__ import annotations

import re
import string
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from autograder.core import language
from autograder.core.messages import MESSAGES, say
from autograder.release import translations


def _fields(text: str) -> list[str]:
    return sorted(f"{name}!{conversion}:{spec}" for _, name, spec, conversion in string.Formatter().parse(text)
                  if name is not None)


def test_every_sentence_has_its_french_translation_with_the_same_fields() -> None:
    french = {message.context: message for message in translations.read("fr") if message.id}
    missing = [key for key in MESSAGES if key not in french or not french[key].string or french[key].fuzzy]
    assert missing == [], f"translate these in {translations.po_path('fr')} (then make generate): {missing}"
    stale = [key for key in MESSAGES if french[key].id != MESSAGES[key]]
    assert stale == [], f"the English changed since these were translated: {stale}"
    for key, english in MESSAGES.items():
        assert _fields(str(french[key].string)) == _fields(english), key


def test_the_compiled_catalogue_is_up_to_date() -> None:
    assert translations.update(check=True) == [], "run make generate"


@pytest.mark.parametrize(("environment", "expected"), [
    ({}, "en"),
    ({"LANG": "fr_FR.UTF-8"}, "fr"),
    ({"LANG": "fr_FR.UTF-8", "LC_ALL": "C.UTF-8"}, "en"),  # LC_ALL first, as for the C library
    ({"LANG": "en_GB.UTF-8", "LC_MESSAGES": "fr_CA"}, "fr"),
    ({"LANG": "fr_FR.UTF-8", "AUTOGRADER_LANG": "en"}, "en"),
    ({"AUTOGRADER_LANG": "FR"}, "fr"),
])
def test_the_language_comes_from_the_environment_then_the_locale(monkeypatch, environment, expected) -> None:
    for name in ("LC_ALL", "LC_MESSAGES", "LANG", language.VARIABLE):
        monkeypatch.delenv(name, raising=False)
    for name, value in environment.items():
        monkeypatch.setenv(name, value)
    assert language.current() == expected


def test_an_unknown_language_is_refused_by_name(monkeypatch) -> None:
    with pytest.raises(ValueError, match="unknown language 'de'"):
        language.use("de")
    monkeypatch.setenv(language.VARIABLE, "klingon")
    with pytest.raises(ValueError, match="klingon"):
        language.current()


def test_say_speaks_the_language_in_force_and_a_thread_may_speak_its_own(monkeypatch) -> None:
    monkeypatch.setenv(language.VARIABLE, "en")
    assert say("failed", failed=2, total=5) == "2 of 5 cases fail"
    heard = []

    def other() -> None:
        with language.speaking("fr"):
            heard.append(say("failed", failed=2, total=5))

    thread = threading.Thread(target=other)
    thread.start()
    thread.join()
    assert heard == ["2 cas sur 5 échouent"]
    assert say("failed", failed=2, total=5) == "2 of 5 cases fail"  # this thread still speaks English


def test_lang_on_the_command_line_reaches_the_processes_it_starts(monkeypatch) -> None:
    monkeypatch.delenv(language.VARIABLE, raising=False)
    code = ("import sys; from autograder.cli import _parser; from autograder.core import language\n"
            "for argv in (['--lang', 'fr', 'list'], ['list', '--lang', 'fr'], ['list']):\n"
            "    args = _parser().parse_args(argv); print(getattr(args, 'lang', None))")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.split() == ["fr", "fr", "None"]
    monkeypatch.setattr(language.os, "environ", {})
    language.use("fr")
    assert language.os.environ[language.VARIABLE] == "fr"


def _percent_fields(text: str) -> list[str]:
    return sorted(re.findall(r"%(?:\([a-z_]+\))?[a-z%]", text))


def test_the_command_lines_french_keeps_argparses_percent_fields() -> None:
    """argparse formats its own sentences and every help with %: a French one with another field, or a bare
    %, would crash ``autograder --help``."""
    french = {message.context: str(message.string) for message in translations.read("fr") if message.id}
    for key, english in MESSAGES.items():
        if key.startswith(("argparse:", "cli:")):
            assert _percent_fields(french[key]) == _percent_fields(english), key
            assert "%" not in re.sub(r"%(?:\([a-z_]+\))?[a-z%]", "", french[key]), key


def test_argparse_asks_for_the_words_the_catalogue_translates() -> None:
    """The catalogue's argparse sentences are argparse's own, word for word: a French one is used only where
    argparse asks gettext for exactly that English."""
    import argparse

    source = Path(argparse.__file__).read_text(encoding="utf-8")
    asked = {key for key, english in MESSAGES.items() if key.startswith("argparse:") and repr(english) in source}
    assert {"argparse:usage", "argparse:error", "argparse:required", "argparse:invalid_choice",
            "argparse:help", "argparse:positionals"} <= asked
