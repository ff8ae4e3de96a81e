"""A worker's own namespaces, entered by the runner's forked child before any student code runs.

``enter`` puts the calling process in new user, mount, PID and IPC namespaces (and a network namespace
where the process level asked for one); its next child is PID 1 of the new PID namespace, and every
process the worker ever starts dies with it, however it detaches (``setsid``, double forks). System V
and POSIX shared memory live in the namespace and go with it. ``seal`` then gives the worker a private,
size-limited ``/tmp`` and ``/dev/shm`` (tmpfs, counted against its memory), its own ``/proc`` where the
kernel allows one, and hides the cgroup file system, so that it cannot move itself out of its bounds.
Capabilities gained in the new user namespace are dropped afterwards (``isolation.drop_privileges``), so
the worker cannot undo these mounts.

Every step can be refused by the kernel (unprivileged user namespaces switched off): the caller then
keeps the worker in the runner's namespaces and says so, and the runner's bounds fall back to counting.
"""

from __future__ import annotations

import ctypes
import os
import shutil
import signal

CLONE_NEWNS = 0x00020000
CLONE_NEWIPC = 0x08000000
CLONE_NEWUSER = 0x10000000
CLONE_NEWPID = 0x20000000
CLONE_NEWNET = 0x40000000
_MS_NOSUID, _MS_NODEV, _MS_NOEXEC, _MS_RDONLY = 0x2, 0x4, 0x8, 0x1
_MS_BIND, _MS_REC, _MS_PRIVATE = 0x1000, 0x4000, 1 << 18
_SYS_MOUNT_SETATTR, _AT_FDCWD, _AT_RECURSIVE, _MOUNT_ATTR_RDONLY = 442, -100, 0x8000, 0x1
_PR_GET_DUMPABLE, _PR_SET_DUMPABLE = 3, 4
_PR_CAP_AMBIENT, _PR_CAP_AMBIENT_RAISE, _PR_CAP_AMBIENT_CLEAR_ALL = 47, 2, 4
_CAPABILITY_VERSION_3 = 0x20080522
# held by the namespace's init alone: a harmless one (setting wake-up alarms), which the worker never has
_CAP_WAKE_ALARM = 35


class _MountAttributes(ctypes.Structure):
    _fields_ = [("attr_set", ctypes.c_uint64), ("attr_clr", ctypes.c_uint64), ("propagation", ctypes.c_uint64),
                ("userns_fd", ctypes.c_uint64)]


# what the cgroup file system is mounted under, hidden from the worker
CGROUP_ROOT = "/sys/fs/cgroup"


def _libc() -> ctypes.CDLL:
    return ctypes.CDLL(None, use_errno=True)


def _check(result: int, what: str) -> None:
    if result != 0:
        errno = ctypes.get_errno()
        raise OSError(errno, f"{what}: {os.strerror(errno)}")


def enter(network: bool) -> None:
    """Unshare user, mount, PID and IPC namespaces (and the network's, if asked), keeping the same user
    and group ids inside. Raises ``OSError`` when the kernel refuses."""
    uid, gid = os.geteuid(), os.getegid()
    flags = CLONE_NEWUSER | CLONE_NEWNS | CLONE_NEWPID | CLONE_NEWIPC | (CLONE_NEWNET if network else 0)
    libc = _libc()
    _check(libc.unshare(flags), "unshare")
    # the /proc files of a non-dumpable process (the runner and its forks) belong to root: run by another
    # user, this process could not write its own maps. Dumpable for that moment only, once in namespaces
    # of its own: what could reach it then is the runner's (its workers are each in a PID namespace of theirs)
    dumpable = libc.prctl(_PR_GET_DUMPABLE, 0, 0, 0, 0)
    libc.prctl(_PR_SET_DUMPABLE, 1, 0, 0, 0)
    try:
        for name, text in (("setgroups", "deny"), ("uid_map", f"{uid} {uid} 1"), ("gid_map", f"{gid} {gid} 1")):
            with open(f"/proc/self/{name}", "w") as mapping:
                mapping.write(text)
    finally:
        libc.prctl(_PR_SET_DUMPABLE, 1 if dumpable == 1 else 0, 0, 0, 0)  # 2 (root's dumps) cannot be set back


def fork_after_init() -> tuple[int, int, int]:
    """In the process that just entered the namespaces: start their init (:func:`start_init`), then fork the
    process that is to be PID 2. Returns the init's pid, the fork's (0 in the child) and, in the parent, the
    end of the pipe the init reads (-1 in the child, which holds none): the init ends, and the namespace
    with it, when the parent closes it or ends, however."""
    hold_r, hold_w = os.pipe()
    init = start_init(hold_r)
    os.close(hold_r)
    pid = os.fork()
    if pid == 0:
        os.close(hold_w)
        return init, 0, -1
    return init, pid, hold_w


def start_init(hold: int) -> int:
    """In the process that just entered the namespaces: start their PID 1, which only reads ``hold`` (a
    pipe's end) until its other end closes, and return its pid.

    It is ``cat``, started without copying this process (``posix_spawn``): a fork of the runner costs 30 to
    50 ms of page tables copied and torn down, an exec of ``cat`` 1 ms. A program just started is
    dumpable, so it holds a capability that the worker, which drops them all, never has: the kernel then
    keeps the worker from its memory, its environment and its descriptors. Where either cannot be had, a
    fork of this process, made non-dumpable by the runner, is the init instead."""
    cat = shutil.which("cat")
    if cat is None or not _raise_ambient(_CAP_WAKE_ALARM):
        return _fork_init(hold)
    try:
        # it holds nothing but its end of the pipe, not even a descriptor the runner was handed inheritable. (The
        # first child of an unshared PID namespace is its init, whether its exec succeeds or not: an error
        # here leaves the namespace unusable, and the worker does not start.)
        closed = [(os.POSIX_SPAWN_CLOSE, fd) for fd in _open_descriptors() if fd > 2 and fd != hold]
        return os.posix_spawn(cat, [cat], {}, file_actions=[
            *closed, (os.POSIX_SPAWN_DUP2, hold, 0), (os.POSIX_SPAWN_OPEN, 1, os.devnull, os.O_WRONLY, 0),
            (os.POSIX_SPAWN_DUP2, 1, 2)], setsigdef=(signal.SIGPIPE, signal.SIGXFSZ))
    finally:
        _libc().prctl(_PR_CAP_AMBIENT, _PR_CAP_AMBIENT_CLEAR_ALL, 0, 0, 0)


def _raise_ambient(capability: int) -> bool:
    """Make ``capability`` (held in the new user namespace) one the next program started keeps."""
    libc = _libc()
    header = (ctypes.c_uint32 * 2)(_CAPABILITY_VERSION_3, 0)
    sets = (ctypes.c_uint32 * 6)()  # effective, permitted, inheritable: capabilities 0-31, then 32-63
    if libc.capget(header, sets) != 0:
        return False
    word, bit = divmod(capability, 32)
    sets[3 * word + 2] |= 1 << bit
    return (libc.capset(header, sets) == 0
            and libc.prctl(_PR_CAP_AMBIENT, _PR_CAP_AMBIENT_RAISE, capability, 0, 0) == 0)


def _open_descriptors() -> list[int]:
    # listing them opens one more, closed by the time the list is read: closing it again is harmless (so is
    # closing every possible one, where there is no /proc to list them)
    try:
        return [int(name) for name in os.listdir("/proc/self/fd")]
    except OSError:
        return list(range(4096))


def _fork_init(hold: int) -> int:
    init = os.fork()
    if init == 0:
        os.closerange(3, hold)  # it holds nothing but its end of the pipe
        os.closerange(hold + 1, 4096)
        # no handler of Python's (SIGINT's KeyboardInterrupt): the kernel then keeps every signal sent from
        # inside the namespace from its init, and the worker cannot end it (and itself with it)
        for number in signal.valid_signals():
            if callable(signal.getsignal(number)):
                signal.signal(number, signal.SIG_DFL)
        while os.read(hold, 1):
            pass
        os._exit(0)
    return init


def _read_only(libc: ctypes.CDLL, path: bytes) -> bool:
    """Make the mount at ``path`` and every mount below it read-only."""
    attributes = _MountAttributes(_MOUNT_ATTR_RDONLY, 0, 0, 0)
    return libc.syscall(ctypes.c_long(_SYS_MOUNT_SETATTR), ctypes.c_int(_AT_FDCWD), ctypes.c_char_p(path),
                        ctypes.c_uint(_AT_RECURSIVE), ctypes.byref(attributes),
                        ctypes.c_size_t(ctypes.sizeof(attributes))) == 0


def seal(tmp_bytes: int, keep: list[str]) -> list[str]:
    """In PID 1 of the new namespaces: private mounts, all read-only but its own /tmp and /dev/shm; the
    folders of ``keep`` that lie in /tmp or /dev/shm (a kit unpacked in /tmp) are bound back, read-only.
    Returns what could not be done."""
    libc = _libc()
    _check(libc.mount(b"none", b"/", None, _MS_REC | _MS_PRIVATE, None), "mount --make-rprivate /")
    missed = []
    # everything it sees read-only (the process level shows it the grader's file system), but its own /tmp
    if not _read_only(libc, b"/"):
        missed.append("read-only file system")
    hidden = [path for path in dict.fromkeys(keep) if path.startswith(("/tmp/", "/dev/shm/")) and os.path.isdir(path)]
    held = {path: os.open(path, os.O_PATH | os.O_DIRECTORY) for path in hidden}
    size = f"size={max(tmp_bytes, 1 << 20)},mode=1777".encode()
    for target in (b"/tmp", b"/dev/shm"):
        if os.path.isdir(target):
            _check(libc.mount(b"tmpfs", target, b"tmpfs", _MS_NOSUID | _MS_NODEV, size), f"tmpfs on {target!r}")
    for path, fd in held.items():
        os.makedirs(path, exist_ok=True)
        _check(libc.mount(f"/proc/self/fd/{fd}".encode(), path.encode(), None, _MS_BIND | _MS_REC, None),
               f"bind {path}")
        _read_only(libc, path.encode())
        os.close(fd)
    # a /proc of its own shows only the worker's processes; inside bubblewrap the kernel refuses a second
    # proc mount, and the runner, made non-dumpable, stays out of reach through the shared one
    if libc.mount(b"proc", b"/proc", b"proc", _MS_NOSUID | _MS_NODEV | _MS_NOEXEC, None) != 0:
        missed.append("own /proc")
    if os.path.isdir(CGROUP_ROOT):
        hidden = libc.mount(b"tmpfs", CGROUP_ROOT.encode(), b"tmpfs", _MS_RDONLY | _MS_NOSUID | _MS_NODEV,
                            b"size=4k,mode=0555")
        if hidden != 0:
            missed.append("hidden cgroups")
    return missed
