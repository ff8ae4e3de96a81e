"""A real browser for the tests of the HTML report: headless Chromium (Debian's ``chromium``, which
``make browser-tools`` installs), loading a local file with no network, as an instructor's browser would."""

from __future__ import annotations

import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import pytest

_NAMES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
_FLAGS = ("--headless", "--disable-gpu", "--no-sandbox", "--no-first-run", "--disable-extensions",
          "--disable-dev-shm-usage", "--hide-scrollbars")


def chromium() -> str:
    """The browser's path; the test is skipped, saying why, where none is installed."""
    for name in _NAMES:
        found = shutil.which(name)
        if found:
            return found
    pytest.skip("no Chromium on this machine: `make browser-tools` installs Debian's chromium (it needs apt-get, "
                "as root or with password-less sudo)")


def _run(args: list[str], profile: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([chromium(), *_FLAGS, f"--user-data-dir={profile}", *args], capture_output=True,
                          text=True, timeout=120, check=False)


def dump_dom(page: Path, workdir: Path) -> str:
    """The DOM Chromium built from ``page``, serialised (what ``--dump-dom`` prints)."""
    done = _run(["--dump-dom", page.resolve().as_uri()], workdir / "profile-dom")
    assert done.returncode == 0 and "<html" in done.stdout, done.stderr[-2000:]
    return done.stdout


def screenshot(page: Path, png: Path, workdir: Path, size: str = "1280,2000") -> Path:
    """A screenshot of ``page`` at ``size`` into ``png``."""
    done = _run([f"--screenshot={png}", f"--window-size={size}", page.resolve().as_uri()], workdir / "profile-png")
    assert done.returncode == 0 and png.exists(), done.stderr[-2000:]
    return png


class Elements(HTMLParser):
    """Every element of a serialised DOM: its tag and attributes, in document order."""

    def __init__(self, text: str) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: list[tuple[str, dict[str, str | None]]] = []
        self.feed(text)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.elements.append((tag, dict(attrs)))

    def tags(self, tag: str) -> list[dict[str, str | None]]:
        return [attrs for name, attrs in self.elements if name == tag]
