"""The front doors' side of the service: start it on demand, reuse it when it matches, replace it when not.

:func:`check` sends one check and returns the result object (``SubmissionResult.to_dict()``). On the way it
takes the private folder's lock, asks the service at ``service.sock`` who it is (``hello``), and starts a
new one (detached, in its own session) when there is none, when the socket is stale (a dead service), when
it does not answer, or when its key differs (another kit, engine, interpreter, device or environment):
the old one is stopped first. ``ServiceUnavailable`` means the check should be graded without the service
(the command does so, and says why). No PyTorch here: a warm check costs this process an interpreter, the
socket and the rendering.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import secrets
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from autograder.core import language
from autograder.service import key, paths, wire

PACKAGE_PARENT = Path(__file__).resolve().parents[2]
STARTUP_SECONDS = 180.0  # three PyTorch imports on a loaded 2-core machine
HELLO_SECONDS = 5.0  # a live service answers hello at once, even while it grades (a thread per connection)
CHECK_SECONDS = 900.0
_BOOT = ("import sys; sys.path.insert(0, sys.argv[1]); from autograder.service.server import main; "
         "sys.exit(main(sys.argv[2:]))")
# what the service needs of the environment it is started from (grading's own variables are added)
_PASSED_THROUGH = ("PATH", "HOME", "LANG", "LC_ALL", "TMPDIR", "CUDA_VISIBLE_DEVICES", "LD_LIBRARY_PATH",
                   "XDG_RUNTIME_DIR")


class ServiceUnavailable(Exception):
    """The service cannot be used here (no private folder, it would not start): grade without it."""


def disabled() -> bool:
    """``AUTOGRADER_SERVICE=off`` (or ``0``, ``no``) keeps every check in its own processes."""
    return os.environ.get("AUTOGRADER_SERVICE", "").strip().lower() in ("off", "0", "no", "false")


def check(device: str, seed: int, timing: bool, only: list[str] | None = None, path: Path | None = None,
          files: dict[str, str] | None = None, shown: str | None = None) -> dict[str, Any]:
    """Grade a folder (``path``) or files sent as text (``files``) with the warm service; the result dict.
    Raises what the grader raised for the student's own mistakes (``KeyError``, ``FileNotFoundError``,
    ``ValueError``), or ``ServiceUnavailable``."""
    request: dict[str, Any] = {"op": "check", "seed": seed, "timing": timing, "only": only,
                               "lang": language.current()}
    if files is not None:
        request["files"] = files
    else:
        assert path is not None
        request["path"] = str(path.resolve())
        request["shown"] = shown if shown is not None else str(path)
    folder = _folder()
    for attempt in range(2):  # a service that dies under a check is replaced once, unseen
        sock_path = ensure(folder, device, reference=timing)
        try:
            reply = _ask(sock_path, request, CHECK_SECONDS)
        except (OSError, wire.WireError) as err:
            if attempt:
                raise ServiceUnavailable(f"the service stopped during the check: {err}") from None
            continue
        if reply.get("status") == "ok" and isinstance(reply.get("result"), dict):
            return reply["result"]
        kind, message = reply.get("kind"), str(reply.get("message", reply))
        raise {"KeyError": KeyError, "FileNotFoundError": FileNotFoundError,
               "ValueError": ValueError}.get(str(kind), ServiceUnavailable)(message)
    raise ServiceUnavailable("the service stopped during the check")


def status() -> dict[str, Any] | None:
    """What the running service says of itself, or ``None`` when none answers."""
    folder = _folder(create=False)
    try:
        return _ask(folder / paths.SOCKET, {"op": "hello"}, HELLO_SECONDS)
    except (OSError, wire.WireError):
        return None


def stop(folder: Path | None = None) -> int | None:
    """Stop the running service; its pid, or ``None`` when there was none."""
    folder = folder if folder is not None else _folder(create=False)
    if not folder.is_dir():
        return None
    with _locked(folder):
        return _stop(folder)


# -- starting and replacing ---------------------------------------------------------------------------
def ensure(folder: Path, device: str, reference: bool = False) -> Path:
    """The socket of a service that grades as this process would, started (or replaced) if need be."""
    wanted = key.service_key(device, key.fingerprint(folder))
    sock_path = folder / paths.SOCKET
    with _locked(folder):
        try:
            hello = _ask(sock_path, {"op": "hello"}, HELLO_SECONDS)
        except (OSError, wire.WireError):
            hello = None
        if hello is not None and hello.get("key") == wanted:
            return sock_path
        if hello is not None or sock_path.exists() or (folder / paths.PIDFILE).exists():
            # another engine or setting (asked to stop), a hung service (killed), or a dead one's socket
            _stop(folder, polite=hello is not None)
        _start(folder, device, reference, wanted)
    return sock_path


def _start(folder: Path, device: str, reference: bool, wanted: dict[str, Any]) -> None:
    """Start a service (detached: it forks, and the process we started ends at once) and wait until it
    answers with our token."""
    env = {name: os.environ[name] for name in _PASSED_THROUGH if name in os.environ}
    env.update({name: value for name, value in os.environ.items() if name.startswith("AUTOGRADER_")})
    token = secrets.token_hex(8)
    argv = [sys.executable, "-I", "-c", _BOOT, str(PACKAGE_PARENT), "--dir", str(folder), "--device", device,
            "--token", token, "--detach"]
    if reference:
        argv.append("--reference")
    _trim_log(folder / paths.LOG)
    try:
        with open(folder / paths.LOG, "ab") as log:
            started = subprocess.run(argv, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=log, env=env,
                                     cwd=folder, start_new_session=True, timeout=60.0)
        pid = int(started.stdout.decode().strip())
    except (OSError, ValueError, subprocess.SubprocessError) as err:
        raise ServiceUnavailable(f"the service could not start: {err} ({_log_tail(folder)})") from None
    deadline = time.monotonic() + STARTUP_SECONDS
    while time.monotonic() < deadline:
        if not _is_service(pid):
            raise ServiceUnavailable(f"the service exited at start ({_log_tail(folder)})")
        try:
            hello = _ask(folder / paths.SOCKET, {"op": "hello"}, HELLO_SECONDS)
        except (OSError, wire.WireError):
            time.sleep(0.05)
            continue
        if hello.get("token") == token:
            if hello.get("key") != wanted:  # it sees another engine than we do: the kit is changing
                _stop(folder)
                raise ServiceUnavailable("the kit changed while its service started")
            return
        time.sleep(0.05)
    _kill(pid)
    raise ServiceUnavailable(f"the service did not start within {STARTUP_SECONDS:g} s")


def _kill(pid: int) -> None:
    """End a service and its session (its runner and workers end with it): SIGTERM, which it answers by
    ending its workers, then SIGKILL if it is still there (a service stopped or hung)."""
    for sig, wait in ((signal.SIGTERM, 2.0), (signal.SIGKILL, 5.0)):
        if not _is_service(pid):
            return
        with contextlib.suppress(OSError):
            os.killpg(os.getpgid(pid), sig)
        deadline = time.monotonic() + wait
        while time.monotonic() < deadline and _is_service(pid):
            time.sleep(0.05)


def _stop(folder: Path, polite: bool = True) -> int | None:
    """Stop the service: ask it (``polite``), and kill it if it does not go (only a process that is our
    service: a dead service's pid may be another process's by now)."""
    sock_path = folder / paths.SOCKET
    pid = _read_pid(folder)
    if polite:
        with contextlib.suppress(OSError, wire.WireError, ValueError):
            reply = _ask(sock_path, {"op": "stop"}, HELLO_SECONDS)
            pid = int(reply.get("pid", pid or 0)) or pid
    if pid is not None and _is_service(pid):
        deadline = time.monotonic() + (10.0 if polite else 0.0)
        while time.monotonic() < deadline and _is_service(pid):
            time.sleep(0.05)
        _kill(pid)
    else:
        pid = None
    for name in (paths.SOCKET, paths.PIDFILE):
        with contextlib.suppress(FileNotFoundError):
            (folder / name).unlink()
    return pid


def _read_pid(folder: Path) -> int | None:
    try:
        return int((folder / paths.PIDFILE).read_text(encoding="utf-8").strip())
    except (OSError, ValueError):
        return None


def _is_service(pid: int) -> bool:
    """``pid`` is alive, ours, and a service (not a process that got a dead service's pid)."""
    try:
        cmdline = Path(f"/proc/{pid}/cmdline").read_bytes()
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z" and b"autograder.service.server" in cmdline and os.stat(f"/proc/{pid}").st_uid == os.getuid()


# -- talking ------------------------------------------------------------------------------------------
def _ask(sock_path: Path, request: dict[str, Any], timeout: float) -> dict[str, Any]:
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as sock:
        sock.settimeout(timeout)
        sock.connect(str(sock_path))
        if not paths.peer_allowed(paths.peer_uid(sock)):  # a socket another user put there
            raise wire.WireError("the service at this socket is another user's")
        wire.send(sock, request)
        return wire.receive(sock)


def _folder(create: bool = True) -> Path:
    if not paths.supported():
        raise ServiceUnavailable("this system's sockets do not name their peer's user")
    try:
        return paths.private_dir(create=create)
    except (paths.UnsafeFolder, OSError) as err:
        raise ServiceUnavailable(str(err)) from None


@contextlib.contextmanager
def _locked(folder: Path) -> Iterator[None]:
    """One client at a time decides whether to start or replace the service (the others then reuse it)."""
    with open(folder / paths.LOCK, "a") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


def _trim_log(log: Path, keep: int = 1 << 20) -> None:
    """The log keeps what the last services wrote, not every service since the account was made."""
    try:
        if log.stat().st_size > keep:
            log.write_bytes(log.read_bytes()[-keep // 2:])
    except OSError:
        pass


def _log_tail(folder: Path) -> str:
    try:
        text = (folder / paths.LOG).read_bytes()[-1200:].decode("utf-8", "replace").strip()
    except OSError:
        return "no log"
    return text or "no log"
