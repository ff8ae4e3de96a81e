"""Control groups: the kernel's bounds on a worker's tasks and memory, and its freezer.

The grader makes one folder per runner (:func:`make_root`), in cgroup v2 where its controllers can be
delegated, else in cgroup v1's ``pids``, ``memory`` and ``freezer`` hierarchies; inside bubblewrap those
folders are bound read-write into the sandbox. The runner makes one group per worker in them
(:class:`WorkerGroup`): ``pids`` counts threads as well as processes, the memory bound counts tmpfs and
shared memory too, and freezing stops every task of the worker at once, whatever session it made for
itself. Where none of this can be had (no permission, no controller), :func:`make_root` returns nothing,
the result's ``isolation`` says ``counted``, and the runner counts a worker's tasks and memory itself.
"""

from __future__ import annotations

import os
import time
from dataclasses import dataclass
from pathlib import Path

V1_CONTROLLERS = ("pids", "memory", "freezer")
V2_CONTROLLERS = ("pids", "memory")
_MOUNTS = "/proc/self/mounts"


@dataclass(frozen=True)
class Root:
    """Where one runner may make its workers' groups: one folder (v2) or one per v1 controller."""

    version: int
    folders: dict[str, Path]  # controller -> folder

    def to_argv(self) -> str:
        return ";".join([str(self.version)] + [f"{name}={path}" for name, path in self.folders.items()])

    @staticmethod
    def from_argv(text: str) -> Root | None:
        if not text:
            return None
        version, *pairs = text.split(";")
        return Root(int(version), {name: Path(path) for name, path in (pair.split("=", 1) for pair in pairs)})

    def remove(self) -> None:
        for folder in set(self.folders.values()):
            for child in sorted(folder.glob("*/"), reverse=True):
                _rmdir(child)
            _rmdir(folder)


def _mounts() -> list[tuple[str, str, list[str]]]:
    try:
        with open(_MOUNTS) as mounts:
            rows = [line.split() for line in mounts]
    except OSError:
        return []
    return [(row[2], row[1], row[3].split(",")) for row in rows if len(row) > 3]


def _own_group(controller: str | None) -> str:
    """This process's group path in the hierarchy of ``controller`` (``None``: the v2 one)."""
    with open("/proc/self/cgroup") as cgroup:
        for line in cgroup:
            _, names, path = line.rstrip("\n").split(":", 2)
            if (controller is None and names == "") or (controller in names.split(",")):
                return path
    raise LookupError(controller)


def make_root(name: str) -> Root | None:
    """A fresh group folder for one runner, or ``None`` when this process may not make one. ``name`` is
    ``autograder-<grader pid>-<n>``: folders a killed grader left behind are removed on the way."""
    if os.environ.get("AUTOGRADER_CGROUPS", "auto") == "off":
        return None
    root = _make_v2(name) or _make_v1(name)
    if root is not None:
        _remove_abandoned(root)
    return root


def _remove_abandoned(root: Root) -> None:
    for parent in {folder.parent for folder in root.folders.values()}:
        for folder in parent.glob("autograder-*-*"):
            pid = folder.name.split("-")[1]
            if pid.isdigit() and not Path(f"/proc/{pid}").exists():
                Root(root.version, {"any": folder}).remove()


def _make_v1(name: str) -> Root | None:
    mounts = {c: Path(mountpoint) for kind, mountpoint, options in _mounts() if kind == "cgroup"
              for c in V1_CONTROLLERS if c in options}
    if set(mounts) != set(V1_CONTROLLERS):
        return None
    folders: dict[str, Path] = {}
    try:
        for controller, mountpoint in mounts.items():
            parent = mountpoint / _own_group(controller).lstrip("/")
            folders[controller] = parent / name
            folders[controller].mkdir()
        if (folders["memory"] / "memory.use_hierarchy").exists():
            (folders["memory"] / "memory.use_hierarchy").write_text("1")
    except (OSError, LookupError):
        Root(1, folders).remove()
        return None
    return Root(1, folders)


def _make_v2(name: str) -> Root | None:
    mountpoint = next((Path(m) for kind, m, _ in _mounts() if kind == "cgroup2"), None)
    if mountpoint is None:
        return None
    try:
        parent = mountpoint / _own_group(None).lstrip("/")
        folder = parent / name
        folder.mkdir()
    except (OSError, LookupError):
        return None
    try:
        if not set(V2_CONTROLLERS) <= set((folder / "cgroup.controllers").read_text().split()):
            # the parent must hand them down; it cannot while it holds processes of its own (such as this one)
            (parent / "cgroup.subtree_control").write_text(" ".join(f"+{c}" for c in V2_CONTROLLERS))
        (folder / "cgroup.subtree_control").write_text(" ".join(f"+{c}" for c in V2_CONTROLLERS))
    except OSError:
        _rmdir(folder)
        return None
    return Root(2, {c: folder for c in (*V2_CONTROLLERS, "freezer")})


def _rmdir(folder: Path) -> None:
    for _ in range(50):
        try:
            folder.rmdir()
            return
        except FileNotFoundError:
            return
        except OSError:
            time.sleep(0.01)  # its last task is still exiting


class WorkerGroup:
    """One worker's group (in each hierarchy of a v1 root). Made by the runner before the fork."""

    def __init__(self, root: Root, name: str, memory_bytes: int, tasks: int) -> None:
        self.root = root
        self.folders = {c: folder / name for c, folder in root.folders.items()}
        for folder in set(self.folders.values()):
            folder.mkdir()
        self._write("pids", "pids.max", str(tasks))
        if root.version == 1:
            self._write("memory", "memory.limit_in_bytes", str(memory_bytes))
            try:  # swap too, where the kernel accounts it
                self._write("memory", "memory.memsw.limit_in_bytes", str(memory_bytes))
            except OSError:
                pass
        else:
            self._write("memory", "memory.max", str(memory_bytes))
            self._write("memory", "memory.swap.max", "0")

    def _write(self, controller: str, name: str, text: str) -> None:
        (self.folders[controller] / name).write_text(text)

    def _read(self, controller: str, name: str) -> str:
        try:
            return (self.folders[controller] / name).read_text()
        except OSError:
            return ""

    def enter(self) -> None:
        """Move the calling process (the forked worker, before it runs anything) into the group."""
        for folder in set(self.folders.values()):
            (folder / "cgroup.procs").write_text(str(os.getpid()))

    def freeze(self, frozen: bool) -> None:
        if self.root.version == 1:
            self._write("freezer", "freezer.state", "FROZEN" if frozen else "THAWED")
            deadline = time.monotonic() + 1.0
            while frozen and self._read("freezer", "freezer.state").strip() == "FREEZING" \
                    and time.monotonic() < deadline:
                time.sleep(0.001)
        else:
            self._write("freezer", "cgroup.freeze", "1" if frozen else "0")

    def tasks(self) -> int:
        text = self._read("pids", "pids.current").strip()
        return int(text) if text.isdigit() else 0

    def out_of_memory(self) -> bool:
        """The kernel killed a task of the group for going over its memory bound."""
        name = "memory.oom_control" if self.root.version == 1 else "memory.events"
        for line in self._read("memory", name).splitlines():
            key, _, value = line.partition(" ")
            if key == "oom_kill" and value.strip().isdigit() and int(value) > 0:
                return True
        return False

    def over_tasks(self) -> bool:
        """A fork or thread was refused because the group was at its task bound."""
        events = self._read("pids", "pids.events")
        return any(line.startswith("max ") and line.split()[1] != "0" for line in events.splitlines())

    def remove(self) -> None:
        if self.root.version == 1:
            try:
                self.freeze(False)  # a frozen group's killed tasks cannot exit
            except OSError:
                pass
        for folder in set(self.folders.values()):
            _rmdir(folder)
