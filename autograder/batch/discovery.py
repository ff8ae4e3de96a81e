"""Finding a class's submissions: one entry per student, whatever shape the instructor's export has.

Three layouts are read:

- ``SUBMISSIONS/<student_id>/``: a folder per student holding their modules (``.py``, ``.ipynb``);
- nbgrader's course folder, ``SUBMISSIONS/submitted/<student_id>/<assignment>/``;
- ``SUBMISSIONS/<student_id>.zip``: one archive per student, as learning-management systems export them.

A student's files are the ``.py`` and ``.ipynb`` files anywhere in their folder or archive (a few levels
deep, so that an archive wrapping everything in a folder, or nbgrader's assignment folders, need nothing
special), keyed by file name. Archives are never extracted to disk: the gradable members are read, by
name and with bounded sizes, into memory. Nothing here raises for one bad student: every entry comes back
with a status, and only ``ok`` entries are graded.
"""

from __future__ import annotations

import hashlib
import os
import re
import stat
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from autograder.core.files import GRADABLE_SUFFIXES, MAX_FILE_BYTES
from autograder.core.messages import say
from autograder.core.status import SubmissionStatus

MAX_SUBMISSION_BYTES = 32 << 20  # all of one student's gradable files together
MAX_ARCHIVE_MEMBERS = 2000
MAX_COMPRESSION_RATIO = 100  # beyond this, a member over 1 MiB is treated as a zip bomb
MAX_DEPTH = 4  # folders below a student's root that are searched for files
IGNORED_FOLDERS = {"__pycache__", "__MACOSX", ".ipynb_checkpoints", ".git", "node_modules"}


@dataclass
class Entry:
    """One student's submission as found on disk: its files, their hash, or why it cannot be graded."""

    student_id: str
    source: str  # the folder or archive it came from
    status: SubmissionStatus = SubmissionStatus.OK  # only OK entries are graded
    detail: str = ""  # why the status is not ok, in a sentence for the instructor
    files: dict[str, bytes] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)  # problems that do not stop grading (non-UTF-8 files)
    content_hash: str = ""

    def __post_init__(self) -> None:
        if not self.content_hash:
            self.content_hash = content_hash(self.files)


class Unsafe(Exception):
    """The submission is refused as a whole (status ``rejected``)."""


class Conflict(Exception):
    """Two different files share a name (status ``conflict``)."""


def content_hash(files: dict[str, bytes]) -> str:
    """A hash of the file names and contents: what decides whether a graded submission changed."""
    digest = hashlib.sha256()
    for name in sorted(files):
        data = files[name]
        digest.update(f"{name}\0{len(data)}\0".encode())
        digest.update(data)
    return digest.hexdigest()


def discover(root: str | Path) -> list[Entry]:
    """Every student of ``root``, sorted by id; see the module's docstring for the layouts."""
    root = Path(root)
    if not root.is_dir():
        raise FileNotFoundError(say("no_submissions_folder", root=root))
    if (root / "submitted").is_dir():  # nbgrader's course folder: source/, release/, submitted/, ...
        root = root / "submitted"
    entries = []
    for path in sorted(root.iterdir()):
        if path.name.startswith((".", "_")) or path.is_symlink():
            continue
        if path.is_dir():
            entries.append(_from_folder(path))
        elif path.suffix.lower() == ".zip":
            entries.append(_from_archive(path))
    return _merge_duplicates(entries)


def read_entry(path: Path) -> Entry:
    """One submission read again as :func:`discover` reads it: a student's folder, or their archive."""
    return _from_archive(path) if path.is_file() and path.suffix.lower() == ".zip" else _from_folder(path)


def safe_name(student_id: str) -> str:
    """A file name for this student's exports: letters, digits and ``._-@+`` kept, the rest ``_``."""
    name = re.sub(r"[^\w.@+-]", "_", student_id)
    return "_" + name if name.startswith(".") or not name else name


# -- folders ------------------------------------------------------------------------------------------
def _from_folder(folder: Path) -> Entry:
    files: dict[str, bytes] = {}
    origins: dict[str, str] = {}
    notes: list[str] = []
    try:
        for path in _walk(folder):
            relative = path.relative_to(folder).as_posix()
            if path.is_symlink():
                notes.append(say("submission:symlink", path=relative))
                continue
            size = path.stat().st_size
            if size > MAX_FILE_BYTES:
                raise Unsafe(say("submission:file_too_large", path=relative, size_mb=size >> 20,
                                 bound_mb=MAX_FILE_BYTES >> 20))
            _add(files, origins, relative, path.read_bytes())
    except Unsafe as err:
        return Entry(folder.name, str(folder), SubmissionStatus.REJECTED, str(err),
                     content_hash=_hash_of_problem(folder))
    except Conflict as err:
        return Entry(folder.name, str(folder), SubmissionStatus.CONFLICT, str(err),
                     content_hash=_hash_of_problem(folder))
    except OSError as err:
        return Entry(folder.name, str(folder), SubmissionStatus.UNREADABLE,
                     say("submission:folder_unreadable", error=err),
                     content_hash=_hash_of_problem(folder))
    return _finish(Entry(folder.name, str(folder), files=files, notes=notes))


def _walk(folder: Path) -> Iterator[Path]:
    base_depth = len(folder.parts)
    for dirpath, dirnames, filenames in os.walk(folder):
        depth = len(Path(dirpath).parts) - base_depth
        dirnames[:] = sorted(d for d in dirnames if _kept_folder(d) and depth < MAX_DEPTH)
        for name in sorted(filenames):
            if name.endswith(GRADABLE_SUFFIXES) and not name.startswith("."):
                yield Path(dirpath) / name


def _kept_folder(name: str) -> bool:
    return name not in IGNORED_FOLDERS and not name.startswith(".")


# -- archives -----------------------------------------------------------------------------------------
def _from_archive(path: Path) -> Entry:
    student = path.stem
    try:
        with zipfile.ZipFile(path) as archive:
            files, notes = _read_archive(archive)
    except Unsafe as err:
        return Entry(student, str(path), SubmissionStatus.REJECTED, str(err), content_hash=_hash_of_problem(path))
    except Conflict as err:
        return Entry(student, str(path), SubmissionStatus.CONFLICT, str(err), content_hash=_hash_of_problem(path))
    except (zipfile.BadZipFile, zipfile.LargeZipFile, NotImplementedError, RuntimeError, EOFError,
            OSError, ValueError) as err:
        # RuntimeError: encrypted members; NotImplementedError: unknown compression
        return Entry(student, str(path), SubmissionStatus.UNREADABLE,
                     say("submission:archive_unreadable", error=err),
                     content_hash=_hash_of_problem(path))
    return _finish(Entry(student, str(path), files=files, notes=notes))


def _read_archive(archive: zipfile.ZipFile) -> tuple[dict[str, bytes], list[str]]:
    members = archive.infolist()
    if len(members) > MAX_ARCHIVE_MEMBERS:
        raise Unsafe(say("submission:too_many_members", members=len(members), bound=MAX_ARCHIVE_MEMBERS))
    files: dict[str, bytes] = {}
    origins: dict[str, str] = {}
    notes: list[str] = []
    total = 0
    for info in members:
        name = info.filename.replace("\\", "/")
        parts = PurePosixPath(name).parts
        # refused even though nothing is ever written at a member's path: an archive made this way is
        # an attack, not a homework
        if name.startswith("/") or re.match(r"^[A-Za-z]:", name) or ".." in parts:
            raise Unsafe(say("submission:unsafe_path", path=info.filename))
        if info.is_dir() or not name.endswith(GRADABLE_SUFFIXES):
            continue
        folders, filename = parts[:-1], parts[-1]
        if filename.startswith(".") or len(folders) > MAX_DEPTH or not all(map(_kept_folder, folders)):
            continue
        if stat.S_ISLNK(info.external_attr >> 16):
            notes.append(say("submission:symlink", path=name))
            continue
        if info.flag_bits & 0x1:
            raise RuntimeError(say("submission:encrypted", path=name))
        if info.file_size > MAX_FILE_BYTES:
            raise Unsafe(say("submission:file_too_large", path=name, size_mb=info.file_size >> 20,
                              bound_mb=MAX_FILE_BYTES >> 20))
        if info.file_size > 1 << 20 and info.file_size > MAX_COMPRESSION_RATIO * max(info.compress_size, 1):
            raise Unsafe(say("submission:zip_bomb", path=name, ratio=info.file_size // max(info.compress_size, 1)))
        with archive.open(info) as member:
            data = member.read(MAX_FILE_BYTES + 1)  # the declared size may lie: never trust it alone
        if len(data) > MAX_FILE_BYTES:
            raise Unsafe(say("submission:member_too_large", path=name, bound_mb=MAX_FILE_BYTES >> 20))
        total += len(data)
        if total > MAX_SUBMISSION_BYTES:
            raise Unsafe(say("submission:too_large", bound_mb=MAX_SUBMISSION_BYTES >> 20))
        _add(files, origins, name, data)
    return files, notes


# -- shared steps -------------------------------------------------------------------------------------
def _add(files: dict[str, bytes], origins: dict[str, str], relative: str, data: bytes) -> None:
    name = PurePosixPath(relative).name
    if name in files:
        if files[name] == data:
            return  # the same file twice (a copy in another folder): harmless
        raise Conflict(say("submission:same_name", name=name, first=origins[name], second=relative))
    if sum(map(len, files.values())) + len(data) > MAX_SUBMISSION_BYTES:
        raise Unsafe(say("submission:too_large", bound_mb=MAX_SUBMISSION_BYTES >> 20))
    files[name] = data
    origins[name] = relative


def _finish(entry: Entry) -> Entry:
    if not entry.files:
        entry.status = SubmissionStatus.EMPTY
        entry.detail = say("submission:empty")
    for name, data in sorted(entry.files.items()):
        try:
            data.decode("utf-8")
        except UnicodeDecodeError as err:
            # graded all the same: the grader scores that module's exercises as unreadable
            entry.notes.append(say("submission:not_utf8", name=name, byte=data[err.start], offset=err.start))
    entry.content_hash = content_hash(entry.files)
    return entry


def _hash_of_problem(path: Path) -> str:
    """What identifies a submission that cannot be read: its raw bytes (an archive) or its listing."""
    digest = hashlib.sha256(b"unreadable\0")
    try:
        if path.is_file():
            with open(path, "rb") as raw:
                for block in iter(lambda: raw.read(1 << 20), b""):
                    digest.update(block)
        else:
            for item in sorted(path.rglob("*")):
                info = item.lstat()
                digest.update(f"{item.relative_to(path)}\0{info.st_size}\0{info.st_mtime_ns}\0".encode())
    except OSError:
        pass
    return digest.hexdigest()


def _merge_duplicates(entries: list[Entry]) -> list[Entry]:
    """Ids that differ only in case, or that two entries give (``ada/`` and ``ada.zip``): none is graded,
    since nothing says which one counts; the instructor must remove the others."""
    groups: dict[str, list[Entry]] = {}
    for entry in entries:
        groups.setdefault(safe_name(entry.student_id).casefold(), []).append(entry)
    merged = []
    for group in groups.values():
        if len(group) == 1:
            merged.append(group[0])
            continue
        sources = ", ".join(e.source for e in group)
        digest = hashlib.sha256("\0".join(sorted(e.content_hash for e in group)).encode()).hexdigest()
        merged.append(Entry(group[0].student_id, sources, SubmissionStatus.DUPLICATE,
                            say("submission:duplicate", student=group[0].student_id, count=len(group),
                                sources=sources), content_hash=digest))
    return sorted(merged, key=lambda e: e.student_id)
