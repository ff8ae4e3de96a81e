"""The warm grading service: ``autograder check`` and the notebook's ``check()`` in about a second.

A per-user process (:mod:`.server`) keeps a grader, its runner and a reference worker warm, and grades each
check by forking an isolated worker exactly as ``grade-all`` does; it never runs student code itself. The
front doors talk to it through :mod:`.client`, which starts it on demand, reuses it only when it grades
with the same engine and settings (:mod:`.key`), and replaces a dead, hung or stale one. It listens on a
Unix socket in a private folder (:mod:`.paths`: mode 0700, the peer's uid checked) and speaks
length-prefixed JSON (:mod:`.wire`). It ends by itself after 15 idle minutes (``AUTOGRADER_SERVICE_IDLE``).

``grade``, ``grade-all``, ``demo`` and CI never use it. Nothing here imports PyTorch but the server.
"""

from __future__ import annotations

from types import ModuleType


def usable_client() -> ModuleType | None:
    """The service's client, or ``None`` where the service cannot serve: no ``fcntl`` or Unix sockets here,
    or switched off (``check --no-service``, ``AUTOGRADER_SERVICE=off``)."""
    try:
        from autograder.service import client
    except ImportError:
        return None
    return None if client.disabled() else client
