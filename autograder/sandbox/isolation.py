"""How far student code is shut in: the isolation level in force, the sandbox command, the resource limits.

Two levels, chosen once per grader process and written into every result:

- ``bubblewrap``: the student's processes run in their own user, mount, PID, network, IPC and UTS
  namespaces (bubblewrap). They see a read-only system (``/usr``, the Python installation, the kit's
  engine and ``datasets/``), an empty private ``/tmp``, their own ``/proc``; not the kit's repository,
  ``solutions/``, other submissions, the grader's home or its processes; no network at all.
- ``process``: where bubblewrap is missing or refused (some CI images forbid unprivileged user
  namespaces), the same worker runs as a plain process: its own session, a scrubbed environment, a
  private working directory and the resource limits below, but the file system and the network are
  visible to it.

``AUTOGRADER_ISOLATION`` chooses (``auto``, the default, takes bubblewrap when it works).
"""

from __future__ import annotations

import ctypes
import functools
import os
import resource
import shutil
import subprocess
import sys
from dataclasses import asdict, dataclass
from pathlib import Path

LEVELS = ("bubblewrap", "process")
_PR_SET_DUMPABLE = 4
_PR_SET_NO_NEW_PRIVS = 38
_CAPABILITY_VERSION_3 = 0x20080522
PACKAGE_DIR = Path(__file__).resolve().parents[1]
KIT_ROOT = PACKAGE_DIR.parent
# System folders every Python with PyTorch needs; /etc only for the loader's cache and name lookups.
_SYSTEM_DIRS = ("/usr", "/bin", "/sbin", "/lib", "/lib32", "/lib64", "/libx32", "/sys")
_ETC_FILES = ("/etc/ld.so.cache", "/etc/ld.so.conf", "/etc/ld.so.conf.d", "/etc/passwd", "/etc/group",
              "/etc/nsswitch.conf", "/etc/localtime", "/etc/alternatives")


@dataclass(frozen=True)
class Limits:
    """What one student worker may use. Memory is watched as resident size (the runner kills a worker
    over it) and, on the CPU only, also capped as address space: CUDA reserves terabytes of virtual
    addresses, so an address-space cap would break every GPU worker."""

    memory_bytes: int = 4 << 30
    cpu_seconds: int = 600
    file_bytes: int = 64 << 20  # output and files written; beyond it the worker gets SIGXFSZ
    open_files: int = 512
    # RLIMIT_NPROC counts every process and thread of the user, and root is exempt from it: the runner
    # also counts the worker's session itself
    processes: int = 4096

    def to_dict(self) -> dict[str, int]:
        return asdict(self)


def limits_from_environment() -> Limits:
    """Limits, with ``AUTOGRADER_MEMORY_MB`` and ``AUTOGRADER_MAX_PROCESSES`` overriding the defaults."""
    limits = Limits()
    memory = os.environ.get("AUTOGRADER_MEMORY_MB")
    processes = os.environ.get("AUTOGRADER_MAX_PROCESSES")
    return Limits(memory_bytes=int(memory) << 20 if memory else limits.memory_bytes,
                  processes=int(processes) if processes else limits.processes)


def drop_privileges() -> None:
    """Give up every capability and the right to gain any (setuid programs included). A worker that runs
    as root keeps its user id, but without CAP_SYS_PTRACE it cannot read the grader's memory or
    environment (the grader makes itself non-dumpable), nor signal processes of other users."""
    libc = ctypes.CDLL(None, use_errno=True)
    libc.prctl(_PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0)
    header = (ctypes.c_uint32 * 2)(_CAPABILITY_VERSION_3, 0)
    data = (ctypes.c_uint32 * 6)()  # effective, permitted, inheritable, twice: all empty
    libc.capset(header, data)


def protect_this_process() -> None:
    """Make the calling (trusted) process non-dumpable: its memory and environment become unreadable to
    processes without CAP_SYS_PTRACE, such as a worker that dropped its privileges."""
    ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_DUMPABLE, 0, 0, 0, 0)


def apply_limits(limits: dict[str, int], address_space_cap: bool) -> None:
    """Set the resource limits of the calling process (a freshly forked worker, before student code)."""
    settings = [
        (resource.RLIMIT_CPU, limits["cpu_seconds"]),
        (resource.RLIMIT_FSIZE, limits["file_bytes"]),
        (resource.RLIMIT_NOFILE, limits["open_files"]),
        (resource.RLIMIT_NPROC, limits["processes"]),
        (resource.RLIMIT_CORE, 0),
    ]
    if address_space_cap:
        # on top of what the worker already maps (PyTorch's libraries), the memory bound
        settings.append((resource.RLIMIT_AS, _mapped_bytes() + limits["memory_bytes"]))
    for which, value in settings:
        soft, hard = resource.getrlimit(which)
        value = value if hard == resource.RLIM_INFINITY else min(value, hard)
        resource.setrlimit(which, (value, value))


def _mapped_bytes() -> int:
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")


def requested_level() -> str:
    level = os.environ.get("AUTOGRADER_ISOLATION", "auto")
    if level not in ("auto",) + LEVELS:
        raise ValueError(f"AUTOGRADER_ISOLATION={level!r}: use auto, bubblewrap or process")
    return level


@functools.cache
def bubblewrap_works() -> bool:
    """bubblewrap is installed and may create namespaces here (a trial run, once per process)."""
    if shutil.which("bwrap") is None:
        return False
    try:
        trial = subprocess.run(sandbox_command([sys.executable, "-I", "-c", "pass"], []), capture_output=True,
                               timeout=30)
    except (OSError, subprocess.TimeoutExpired):
        return False
    return trial.returncode == 0


def level() -> str:
    """The isolation level student workers get in this process."""
    wanted = requested_level()
    if wanted == "process":
        return "process"
    if bubblewrap_works():
        return "bubblewrap"
    if wanted == "bubblewrap":
        raise RuntimeError("AUTOGRADER_ISOLATION=bubblewrap, but bubblewrap is not installed or may not create "
                           "namespaces here (install the Debian package `bubblewrap`, or allow unprivileged "
                           "user namespaces)")
    return "process"


def worker_paths() -> list[Path]:
    """What a worker must see besides the system: the Python installation, the engine, ``datasets/``."""
    python_dirs = {Path(sys.base_prefix), Path(sys.prefix), Path(sys.executable).resolve().parent.parent}
    return sorted(python_dirs | {PACKAGE_DIR, KIT_ROOT / "datasets"})


def hidden_paths() -> list[Path]:
    """What a worker may not read under the folders it is given: ``autograder/specs/``, ``autograder/keys/``
    and the held-out splits of ``datasets/`` (:data:`autograder.datasets.HELD_OUT`)."""
    from autograder.datasets import DATASETS, HELD_OUT

    return [PACKAGE_DIR / "specs", PACKAGE_DIR / "keys", *(DATASETS / split for split in HELD_OUT)]


def sandbox_command(argv: list[str], extra_read_only: list[Path], gpu: bool = False,
                    writable: list[Path] | None = None) -> list[str]:
    """``argv`` run under bubblewrap, seeing only what a worker needs, read-only, and an empty ``/tmp``;
    ``writable``: folders bound read-write (the runner's control groups)."""
    command = ["bwrap", "--unshare-all", "--die-with-parent", "--new-session",
               "--proc", "/proc", "--dev", "/dev", "--tmpfs", "/tmp", "--dir", "/dev/shm"]
    for path in _SYSTEM_DIRS + _ETC_FILES:
        if os.path.lexists(path):
            command += ["--ro-bind", path, path] if not os.path.islink(path) else \
                ["--symlink", os.readlink(path), path]
    for folder in sorted(set(worker_paths()) | set(extra_read_only)):
        if folder.exists() and not any(str(folder).startswith(str(d) + "/") for d in _SYSTEM_DIRS):
            command += ["--ro-bind", str(folder), str(folder)]
    # the engine's reference implementations, the hand-written ones (answers), and the held-out data with
    # its labels (the grader sends a worker the images it needs, never the labels) stay out of reach
    for hidden in hidden_paths():
        if hidden.exists():
            command += ["--tmpfs", str(hidden)]
    if gpu:
        for device in sorted(Path("/dev").glob("nvidia*")):
            command += ["--dev-bind", str(device), str(device)]
    for folder in writable or []:
        command += ["--bind", str(folder), str(folder)]
    return command + ["--chdir", "/tmp", "--"] + argv
