"""Where the service lives: a private folder per user, and who may talk to it.

``$XDG_RUNTIME_DIR/autograder-<uid>/`` where the session has a runtime folder of its own, else
``<temp>/autograder-<uid>/``; ``AUTOGRADER_SERVICE_DIR`` names another (the tests use it). The folder is
made with mode 0700 and refused (the service is then not used) when it is a link, or another user's, or
open to others and cannot be closed.
"""

from __future__ import annotations

import os
import socket
import stat
import struct
import tempfile
from pathlib import Path

SOCKET = "service.sock"
PIDFILE = "service.pid"
LOG = "service.log"
LOCK = "service.lock"
FINGERPRINTS = "fingerprints.json"
_UCRED = struct.Struct("3i")  # pid, uid, gid: struct ucred


class UnsafeFolder(Exception):
    """The service's folder is not private: the service is not used."""


def private_dir(create: bool = True) -> Path:
    """The user's private service folder, made (mode 0700) if ``create``; ``UnsafeFolder`` if it is not ours."""
    chosen = os.environ.get("AUTOGRADER_SERVICE_DIR")
    if chosen:
        folder = Path(chosen)
    else:
        runtime = os.environ.get("XDG_RUNTIME_DIR")
        base = Path(runtime) if runtime and _owned_folder(Path(runtime)) else Path(tempfile.gettempdir())
        folder = base / f"autograder-{os.getuid()}"
    if create:
        try:
            folder.mkdir(mode=0o700, parents=False)
        except FileExistsError:
            pass
        except FileNotFoundError:
            folder.mkdir(mode=0o700, parents=True)
    check_private(folder)
    return folder


def check_private(folder: Path) -> None:
    """``folder`` is a real folder of this user, closed to everyone else (made so if it is ours)."""
    try:
        info = os.lstat(folder)
    except FileNotFoundError:
        return
    if stat.S_ISLNK(info.st_mode) or not stat.S_ISDIR(info.st_mode):
        raise UnsafeFolder(f"{folder} is not a folder")
    if info.st_uid != os.getuid():
        raise UnsafeFolder(f"{folder} belongs to another user (uid {info.st_uid})")
    if stat.S_IMODE(info.st_mode) & 0o077:
        os.chmod(folder, 0o700)


def _owned_folder(path: Path) -> bool:
    try:
        info = os.stat(path)
    except OSError:
        return False
    return stat.S_ISDIR(info.st_mode) and info.st_uid == os.getuid()


def supported() -> bool:
    """Unix sockets whose peer the kernel names (``SO_PEERCRED``: Linux): elsewhere the service is not used."""
    return hasattr(socket, "AF_UNIX") and hasattr(socket, "SO_PEERCRED")


def peer_uid(sock: socket.socket) -> int:
    """The uid of the process at the other end of a Unix socket, as the kernel says (SO_PEERCRED)."""
    _pid, uid, _gid = _UCRED.unpack(sock.getsockopt(socket.SOL_SOCKET, socket.SO_PEERCRED, _UCRED.size))
    return uid


def peer_allowed(uid: int, own_uid: int | None = None) -> bool:
    """Only the service's own user may talk to it (root included: it is another user's service)."""
    return uid == (os.getuid() if own_uid is None else own_uid)
