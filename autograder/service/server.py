"""The service process: a warm grader that answers checks over a private Unix socket.

Started by :mod:`.client` (``python -I -c ... autograder.service.server``, detached, its output in the
private folder's ``service.log``). It imports PyTorch once, starts the runner (which forks one isolated
worker per check, as ``grade-all``'s grading processes do) and, for timed checks, keeps a reference worker.
It never runs student code: a check's files are graded through the same sandbox as ``grade``.

Each connection gets a thread, and each check a grader of its own from a small pool (one per seed and
timing setting, reused while warm), so two checks at once are both answered. Only the service's own
user is served (the peer's uid, from the kernel). After ``idle`` seconds without a check it ends, and
takes its workers and its socket with it.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import shutil
import signal
import socket
import sys
import tempfile
import threading
import time
import traceback
from pathlib import Path
from typing import TYPE_CHECKING, Any

from autograder.core import language
from autograder.service import paths, wire

if TYPE_CHECKING:
    from autograder.core.grader import Grader

ACCEPT_SECONDS = 0.5  # how often the accepting loop looks at the idle clock and the stop flag
IDLE_SECONDS = 15 * 60.0
# errors a check may raise that are the student's (an unknown exercise, a missing folder, no CUDA), told
# back as they are, so that the command says them as it does without the service
_USER_ERRORS = (ValueError, KeyError, FileNotFoundError)


def idle_seconds() -> float:
    try:
        return max(1.0, float(os.environ.get("AUTOGRADER_SERVICE_IDLE", IDLE_SECONDS)))
    except ValueError:
        return IDLE_SECONDS


class Service:
    def __init__(self, folder: Path, key: dict[str, Any], idle: float, token: str = "") -> None:
        self.folder = folder
        self.token = token
        self.key = key
        self.idle = idle
        self.started = time.time()
        self.last = time.monotonic()
        self.active = 0
        self.served = 0
        self.stopping = threading.Event()
        self.lock = threading.Lock()
        self.graders: dict[tuple[int, bool], list[Grader]] = {}
        self.listener: socket.socket | None = None
        self.reference_started = False
        self.refused: list[str] = []  # connections of other users, the last ones
        self.bound: tuple[int, int] | None = None  # the socket file's (device, inode), to remove only ours

    # -- the socket -----------------------------------------------------------------------------------
    def bind(self) -> None:
        """Listen at ``service.sock``: bound under a name of its own, then renamed over any stale one."""
        path = self.folder / paths.SOCKET
        temporary = self.folder / f"{paths.SOCKET}.{os.getpid()}"
        with contextlib.suppress(FileNotFoundError):
            temporary.unlink()
        listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        old = os.umask(0o077)
        try:
            listener.bind(str(temporary))
        finally:
            os.umask(old)
        listener.listen(16)
        listener.settimeout(ACCEPT_SECONDS)
        info = os.stat(temporary)
        os.replace(temporary, path)
        self.bound = (info.st_dev, info.st_ino)
        self.listener = listener
        (self.folder / paths.PIDFILE).write_text(f"{os.getpid()}\n", encoding="utf-8")

    def serve(self) -> None:
        assert self.listener is not None
        while not self.stopping.is_set():
            try:
                conn, _ = self.listener.accept()
            except TimeoutError:
                if self.active == 0 and time.monotonic() - self.last > self.idle:
                    _log(f"idle for {self.idle:g} s: stopping")
                    break
                continue
            except OSError:
                break
            threading.Thread(target=self.handle, args=(conn,), daemon=True).start()
        self.close()

    def handle(self, conn: socket.socket) -> None:
        with conn:
            uid = paths.peer_uid(conn)
            if not paths.peer_allowed(uid):
                self.refused.append(f"refused a connection from uid {uid}")
                _log(self.refused[-1])
                return
            try:
                message = wire.receive(conn)
            except (wire.WireError, OSError):
                return
            op = message.get("op")
            if op == "check":
                with self.lock:
                    self.active += 1
                try:
                    reply = self.check(message)
                finally:
                    with self.lock:
                        self.active -= 1
                        self.served += 1
                        self.last = time.monotonic()
            elif op == "hello":
                reply = self.hello()
            elif op == "stop":
                reply = {"status": "ok", "pid": os.getpid()}
                self.stopping.set()
            else:
                reply = {"status": "error", "kind": "ValueError", "message": f"unknown request {op!r}"}
            with contextlib.suppress(OSError):
                wire.send(conn, reply)

    def hello(self) -> dict[str, Any]:
        with self.lock:
            idle_for = 0.0 if self.active else time.monotonic() - self.last
            return {"status": "ok", "pid": os.getpid(), "token": self.token, "key": self.key, "started": self.started,
                    "served": self.served, "active": self.active, "idle_for": round(idle_for, 1),
                    "idle_limit": self.idle, "log": str(self.folder / paths.LOG)}

    # -- a check --------------------------------------------------------------------------------------
    def check(self, message: dict[str, Any]) -> dict[str, Any]:
        seed, timing = int(message.get("seed", 0)), bool(message.get("timing", True))
        only = message.get("only")
        files = message.get("files")
        scratch = None
        grader = None
        try:
            if isinstance(files, dict):  # a notebook's cells, as one module per file name
                scratch = Path(tempfile.mkdtemp(prefix="check-", dir=self.folder))
                for name, text in files.items():
                    (scratch / Path(str(name)).name).write_text(str(text), encoding="utf-8")
                path = scratch
            else:
                path = Path(str(message["path"]))
            grader = self.take(seed, timing)
            with language.speaking(str(message.get("lang") or language.current())):
                result = grader.grade(path, only=list(only) if only else None)
            if scratch is None:
                result.submission = str(message.get("shown", path))
            self.give_back(seed, timing, grader)
            if not timing:
                self.warm_reference()
            return {"status": "ok", "result": result.to_dict()}
        except _USER_ERRORS as err:
            if grader is not None:
                self.give_back(seed, timing, grader)
            text = err.args[0] if isinstance(err, KeyError) and err.args else str(err)
            return {"status": "error", "kind": type(err).__name__, "message": str(text)}
        except Exception as err:  # the grader broke: this check says so, the next one gets a fresh grader
            _log(traceback.format_exc())
            if grader is not None:
                with contextlib.suppress(Exception):
                    grader.close()
            return {"status": "error", "kind": "RuntimeError", "message": f"{type(err).__name__}: {err}"}
        finally:
            if scratch is not None:
                shutil.rmtree(scratch, ignore_errors=True)

    def take(self, seed: int, timing: bool) -> Grader:
        with self.lock:
            pool = self.graders.setdefault((seed, timing), [])
            if pool:
                return pool.pop()
        from autograder.core.grader import Grader

        return Grader(seed=seed, device=self.key["device"], timing_enabled=timing)

    def warm_reference(self) -> None:
        """After a check without the timing verdict, start a reference worker in the background (once), so
        that the first timed check finds it warm too."""
        from autograder.sandbox import launcher

        with self.lock:
            if self.reference_started or any(timed for (_, timed), pool in self.graders.items() if pool):
                return
            self.reference_started = True
        launcher.prespawn("reference")

    def give_back(self, seed: int, timing: bool, grader: Grader) -> None:
        with self.lock:
            self.graders.setdefault((seed, timing), []).append(grader)

    # -- the end --------------------------------------------------------------------------------------
    def close(self) -> None:
        self.stopping.set()
        if self.listener is not None:
            self.listener.close()
            self.listener = None
        path = self.folder / paths.SOCKET
        with contextlib.suppress(OSError):
            info = os.stat(path)
            if (info.st_dev, info.st_ino) == self.bound:  # a newer service's socket is not ours to remove
                path.unlink()
        with contextlib.suppress(OSError):
            pidfile = self.folder / paths.PIDFILE
            if pidfile.read_text(encoding="utf-8").strip() == str(os.getpid()):
                pidfile.unlink()
        with self.lock:
            graders = [g for pool in self.graders.values() for g in pool]
            self.graders.clear()
        for grader in graders:
            with contextlib.suppress(Exception):
                grader.close()
        from autograder.sandbox import launcher

        launcher.discard_spares()


def _log(text: str) -> None:
    print(f"{time.strftime('%Y-%m-%d %H:%M:%S')} [{os.getpid()}] {text}", file=sys.stderr, flush=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="autograder.service.server")
    parser.add_argument("--dir", type=Path, required=True)
    parser.add_argument("--device", default="auto")
    parser.add_argument("--reference", action="store_true", help="start a reference worker at once")
    parser.add_argument("--token", default="", help="said back by hello: the client knows its service by it")
    parser.add_argument("--detach", action="store_true",
                        help="fork, print the service's pid and return at once (the client does not stay its parent)")
    args = parser.parse_args(argv)
    if args.detach:
        child = os.fork()
        if child:
            print(child, flush=True)
            os._exit(0)
        os.dup2(2, 1)  # what the service prints goes to its log, not to the client's pipe
    os.umask(0o077)
    paths.check_private(args.dir)
    from autograder.sandbox import launcher

    # the runner and the reference worker import PyTorch while this process does
    launcher.prespawn("student")
    if args.reference:
        launcher.prespawn("reference")  # the Grader made below takes it
    from autograder.core import collector
    from autograder.service import key

    with collector.paused():
        from autograder.core import grader
        from autograder.specs import all_exercises

        all_exercises()  # every specification imported now, not at the first check
    engine = key.fingerprint(args.dir)
    service = Service(args.dir, key.service_key(args.device, engine), idle_seconds(), args.token)
    service.reference_started = args.reference
    with contextlib.suppress(ValueError):  # a device this machine lacks is said by each check
        service.give_back(0, args.reference, grader.Grader(device=args.device, timing_enabled=args.reference))

    def stop(signum: int, frame: Any) -> None:
        service.stopping.set()

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    signal.signal(signal.SIGHUP, signal.SIG_IGN)
    service.bind()
    _log(f"serving {json.dumps(service.key)} (idle limit {service.idle:g} s)")
    service.serve()
    _log("stopped")
    return 0


if __name__ == "__main__":
    sys.exit(main())
