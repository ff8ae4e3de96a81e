"""Starting, talking to and killing worker processes, from the grader's side.

A worker runs in its own session (so that killing its process group ends everything it started), with a
scrubbed environment, in a private temporary directory, and talks to the grader only over two pipes.
"""

from __future__ import annotations

import atexit
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import torch

# No PyTorch at import time: the command line starts its workers before it imports PyTorch itself, so
# that the three imports (its own, the student worker's, the reference worker's) overlap.

PACKAGE_DIR = Path(__file__).resolve().parent
STARTUP_SECONDS = 120.0  # importing PyTorch on a loaded 2-core machine can take a while
# Loads the autograder package from its own folder without putting the kit's repository (and so
# solutions/) on the worker's import path.
_BOOT = (
    "import importlib.util, sys;"
    "spec = importlib.util.spec_from_file_location('autograder', sys.argv[1] + '/__init__.py',"
    " submodule_search_locations=[sys.argv[1]]);"
    "module = importlib.util.module_from_spec(spec); sys.modules['autograder'] = module;"
    "spec.loader.exec_module(module);"
    "from autograder.worker import main; main(sys.argv[2:])"
)
# Variables a worker needs; everything else (tokens, CI secrets, the grader's paths) stays out.
_PASSED_THROUGH = ("CUDA_VISIBLE_DEVICES", "OPENBLAS_CORETYPE", "OPENBLAS_L2_SIZE", "LD_LIBRARY_PATH")
# Workers compute on one thread by default: on a small shared machine PyTorch's and the BLAS libraries'
# thread pools fight over the cores and make timings swing tenfold; parallelism comes from grading
# several submissions at once instead. AUTOGRADER_WORKER_THREADS sets another count.
_THREAD_VARIABLES = ("OMP_NUM_THREADS", "MKL_NUM_THREADS", "OPENBLAS_NUM_THREADS")


class WorkerDied(Exception):
    """The worker exited or was killed by a signal while it was working."""

    def __init__(self, detail: str, output_tail: str = "") -> None:
        super().__init__(detail)
        self.detail = detail
        self.output_tail = output_tail


class WorkerTimeout(Exception):
    """The worker did not answer in time; it has been killed."""


class WorkerProcess:
    """One worker process. ``role`` is ``"student"`` or ``"reference"`` (a worker that runs no student code)."""

    def __init__(self, role: str) -> None:
        self.role = role
        self.proc: subprocess.Popen | None = None

    def start(self) -> None:
        """Start the worker and wait until it has imported PyTorch and is ready for requests."""
        self.spawn()
        self.wait_ready()

    def spawn(self) -> None:
        """Start the worker without waiting for it: its PyTorch import overlaps with the caller's work."""
        self.ready = False
        self.tmp = Path(tempfile.mkdtemp(prefix=f"autograder-{self.role}-"))
        workdir = self.tmp / "work"
        workdir.mkdir()
        request_r, self.request_w = os.pipe()
        self.reply_r, reply_w = os.pipe()
        self.log_path = self.tmp / "output.log"
        env = {k: os.environ[k] for k in _PASSED_THROUGH if k in os.environ}
        threads = os.environ.get("AUTOGRADER_WORKER_THREADS", "1")
        env.update({name: threads for name in _THREAD_VARIABLES})
        env.update(PATH="/usr/local/bin:/usr/bin:/bin", HOME=str(workdir), TMPDIR=str(workdir),
                   LANG="C.UTF-8")
        with open(self.log_path, "wb") as log:
            self.proc = subprocess.Popen(
                [sys.executable, "-I", "-c", _BOOT, str(PACKAGE_DIR), "--in", str(request_r),
                 "--out", str(reply_w), "--role", self.role],
                pass_fds=(request_r, reply_w), stdin=subprocess.DEVNULL, stdout=log, stderr=subprocess.STDOUT,
                cwd=workdir, env=env, start_new_session=True,
            )
        os.close(request_r)
        os.close(reply_w)
        os.set_blocking(self.request_w, False)

    def wait_ready(self) -> None:
        if not self.ready:
            self._receive(time.monotonic() + STARTUP_SECONDS)
            self.ready = True

    @property
    def running(self) -> bool:
        return self.proc is not None and self.proc.poll() is None

    def request(self, header: dict, tensors: dict[str, torch.Tensor] | None = None,
                timeout: float | None = None) -> tuple[dict, dict[str, torch.Tensor]]:
        """Send one request and wait for its reply; kills the worker on a timeout or a broken reply."""
        from autograder import channel

        if self.proc is None:
            self.spawn()
        self.wait_ready()
        deadline = None if timeout is None else time.monotonic() + timeout
        try:
            channel.send(self.request_w, header, tensors, deadline)
        except (BrokenPipeError, channel.ChannelTimeout):
            self._fail()
        return self._receive(deadline)

    def _receive(self, deadline: float | None) -> tuple[dict, dict[str, torch.Tensor]]:
        from autograder import channel

        try:
            return channel.receive(self.reply_r, deadline)
        except channel.ChannelTimeout:
            self.kill()
            raise WorkerTimeout() from None
        except (channel.ChannelClosed, channel.ProtocolError):
            self._fail()

    def _fail(self) -> None:
        """The worker stopped answering: say how it ended."""
        try:
            code = self.proc.wait(timeout=2)
        except subprocess.TimeoutExpired:
            code = None
        tail = self.output_tail()
        self.kill()
        if code is None:
            detail = "the worker sent a malformed reply"
        elif code < 0:
            detail = f"the worker was killed by signal {signal.Signals(-code).name}"
        else:
            detail = f"the worker exited with status {code}"
        raise WorkerDied(detail, tail)

    def output_tail(self, limit: int = 2000) -> str:
        try:
            with open(self.log_path, "rb") as log:
                log.seek(max(0, os.path.getsize(self.log_path) - limit))
                return log.read().decode("utf-8", "replace")
        except OSError:
            return ""

    def kill(self) -> None:
        """End the worker and everything it started, and remove its files."""
        if self.proc is None:
            return
        try:
            os.killpg(self.proc.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        self.proc.wait()
        for fd in (self.request_w, self.reply_r):
            try:
                os.close(fd)
            except OSError:
                pass
        shutil.rmtree(self.tmp, ignore_errors=True)
        self.proc = None

    def close(self) -> None:
        """Workers hold nothing worth a clean shutdown: ending them at once saves PyTorch's teardown."""
        self.kill()


_spares: dict[str, list[WorkerProcess]] = {}


def prespawn(role: str) -> None:
    """Start a worker now for a later :func:`take`, so that its start-up overlaps with the caller's."""
    worker = WorkerProcess(role)
    worker.spawn()
    _spares.setdefault(role, []).append(worker)


def take(role: str) -> WorkerProcess:
    """A started worker of this role: a spare from :func:`prespawn` if one is still alive, else a new one."""
    spares = _spares.get(role, [])
    while spares:
        worker = spares.pop()
        if worker.running:
            return worker
        worker.kill()
    worker = WorkerProcess(role)
    worker.spawn()
    return worker


def discard_spares() -> None:
    for spares in _spares.values():
        while spares:
            spares.pop().kill()


atexit.register(discard_spares)
