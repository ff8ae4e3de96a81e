"""References that are answers, kept apart so that a student release can never hold them.

Where an exercise's reference is PyTorch's own operator (``F.conv2d``, ``torch.gru_cell``), its
specification calls it directly: shipping that gives nothing away. Where the reference is written by hand
(a noise schedule, TF-IDF, a LeNet), its code is the answer: it lives in ``autograder.keys``, a package the
student release never copies (``autograder.release.student`` copies an allow-list without it), and the
specification names it with :func:`answer_key`. The name is resolved on first call; in a release, where
``autograder.keys`` is absent, the call raises :class:`Withheld` and the grader uses the answers recorded on
the public seed instead (:mod:`autograder.release.recorded`).
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from typing import Any

KEYS = "autograder.keys"


class Withheld(Exception):
    """This reference's code is not part of the release: its answers are recorded instead."""

    def __init__(self) -> None:
        super().__init__("this reference is not part of the release; its recorded answers are used instead")


class KeyReference:
    """A reference function of ``autograder.keys.<module>``, imported when first called."""

    def __init__(self, module: str, name: str) -> None:
        self.__module__ = f"{KEYS}.{module}"
        self.__name__ = self.__qualname__ = name

    def resolve(self) -> Callable[..., Any]:
        """The function itself; :class:`Withheld` where the answer key is not installed (a release)."""
        try:
            module = importlib.import_module(self.__module__)
        except ModuleNotFoundError as err:
            if err.name is not None and (err.name == KEYS or err.name.startswith(KEYS + ".")):
                raise Withheld() from None
            raise
        return getattr(module, self.__name__)

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        return self.resolve()(*args, **kwargs)

    def __repr__(self) -> str:
        return f"answer_key({self.__module__.rpartition('.')[2]!r}, {self.__name__!r})"

    def __reduce__(self) -> tuple[Any, tuple[str, str]]:
        return KeyReference, (self.__module__.rpartition(".")[2], self.__name__)


def answer_key(module: str, name: str) -> KeyReference:
    """The hand-written reference ``name`` of ``autograder/keys/<module>.py``."""
    return KeyReference(module, name)


def is_answer_key(reference: object) -> bool:
    """The reference is hand-written (so never released): its answers are recorded for a release."""
    return isinstance(reference, KeyReference)
