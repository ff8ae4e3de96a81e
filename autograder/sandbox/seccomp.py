"""A seccomp filter for the student worker: no new programs, no new namespaces, no mounts.

Without ``execve`` a submission cannot start another interpreter to run code the screen never saw, nor
any program outside the worker's in-process guards (every process it forks is a copy of the worker, with
its forbidden operators already unusable). Without ``unshare``, ``setns``, namespace flags to ``clone``
and the mount calls it cannot make itself a file system or a PID namespace the runner does not count.
Refused calls fail with ``EPERM`` (``clone3`` with ``ENOSYS``, so that the C library falls back to
``clone``, whose flags the filter can read). Installed after ``PR_SET_NO_NEW_PRIVS``, last before student
code; inherited by every thread and child.
"""

from __future__ import annotations

import ctypes
import errno
import platform

_PR_SET_SECCOMP, _SECCOMP_MODE_FILTER = 22, 2
_RET_ALLOW, _RET_ERRNO = 0x7FFF0000, 0x00050000
_LD_W_ABS, _JEQ_K, _JSET_K, _JGE_K, _RET_K = 0x20, 0x15, 0x45, 0x35, 0x06
_NAMESPACE_FLAGS = 0x7E020080  # CLONE_NEWNS, NEWCGROUP, NEWUTS, NEWIPC, NEWUSER, NEWPID, NEWNET, NEWTIME
_X32_BIT = 0x40000000

# architecture -> (its AUDIT_ARCH value, syscall numbers)
_TABLES = {
    "x86_64": (0xC000003E, {"execve": 59, "execveat": 322, "unshare": 272, "setns": 308, "mount": 165,
                            "umount2": 166, "pivot_root": 155, "open_tree": 428, "move_mount": 429,
                            "fsopen": 430, "fsmount": 432, "mount_setattr": 442, "clone": 56, "clone3": 435}),
    "aarch64": (0xC00000B7, {"execve": 221, "execveat": 281, "unshare": 97, "setns": 268, "mount": 40,
                             "umount2": 39, "pivot_root": 41, "open_tree": 428, "move_mount": 429,
                             "fsopen": 430, "fsmount": 432, "mount_setattr": 442, "clone": 220, "clone3": 435}),
}
REFUSED = ("execve", "execveat", "unshare", "setns", "mount", "umount2", "pivot_root", "open_tree",
           "move_mount", "fsopen", "fsmount", "mount_setattr")


class _Instruction(ctypes.Structure):
    _fields_ = [("code", ctypes.c_uint16), ("jt", ctypes.c_uint8), ("jf", ctypes.c_uint8), ("k", ctypes.c_uint32)]


class _Program(ctypes.Structure):
    _fields_ = [("len", ctypes.c_ushort), ("filter", ctypes.POINTER(_Instruction))]


def program(machine: str) -> list[tuple[int, int, int, int]] | None:
    """The filter for this machine's architecture, as (code, jump if true, jump if false, k), or ``None``
    for an architecture it does not know."""
    if machine not in _TABLES:
        return None
    arch, numbers = _TABLES[machine]
    deny = (_RET_K, 0, 0, _RET_ERRNO | errno.EPERM)
    refused = [numbers[name] for name in REFUSED]
    steps: list[tuple[int, int, int, int]] = [(_LD_W_ABS, 0, 0, 4), (_JEQ_K, 1, 0, arch), deny,
                                               (_LD_W_ABS, 0, 0, 0)]
    if machine == "x86_64":
        steps += [(_JGE_K, 0, 1, _X32_BIT), deny]
    for number in refused:
        steps += [(_JEQ_K, 0, 1, number), deny]
    steps += [(_JEQ_K, 0, 1, numbers["clone3"]), (_RET_K, 0, 0, _RET_ERRNO | errno.ENOSYS)]
    # clone's flags are its first argument (the low 32 bits at offset 16 of seccomp_data)
    steps += [(_JEQ_K, 0, 3, numbers["clone"]), (_LD_W_ABS, 0, 0, 16), (_JSET_K, 0, 1, _NAMESPACE_FLAGS), deny]
    steps.append((_RET_K, 0, 0, _RET_ALLOW))
    return steps


def install() -> bool:
    """Install the filter on the calling thread (and everything it later starts). ``False`` where this
    architecture or kernel does not allow it."""
    steps = program(platform.machine())
    if steps is None:
        return False
    instructions = (_Instruction * len(steps))(*[_Instruction(*step) for step in steps])
    prog = _Program(len(steps), instructions)
    libc = ctypes.CDLL(None, use_errno=True)
    return libc.prctl(_PR_SET_SECCOMP, _SECCOMP_MODE_FILTER, ctypes.byref(prog), 0, 0) == 0
