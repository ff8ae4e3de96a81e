"""Which service may grade a check: one with the same engine, interpreter, device and environment.

The engine is :func:`autograder.batch.options.kit_fingerprint` (every file of the package and the data
sets), the fingerprint the gradebook keys grades with. It reads about 2000 files (half a second here), too
slow for every check, so it is kept per *signature*: the size, modification time and inode of each engine
file, and the listing and modification time of each data folder (a file added, removed or replaced
changes it), a few milliseconds to take. A signature not seen before computes the fingerprint again.
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
from pathlib import Path
from typing import Any

from autograder import __version__
from autograder.batch.options import PACKAGE, kit_fingerprint
from autograder.datasets import DATASETS
from autograder.service import paths

# variables that change how grading runs; the service's own settings (AUTOGRADER_SERVICE_*) do not
_PASSED_VARIABLES = ("CUDA_VISIBLE_DEVICES",)


def signature(package: Path = PACKAGE, data: Path = DATASETS) -> str:
    digest = hashlib.sha256()
    for root, folders, files in os.walk(package):
        folders[:] = sorted(f for f in folders if f != "__pycache__")
        for name in sorted(files):
            if name.endswith(".py") or Path(root).name == "recorded" or "recorded" in Path(root).parts:
                info = os.stat(os.path.join(root, name))
                digest.update(f"{root}/{name}\0{info.st_size}\0{info.st_mtime_ns}\0{info.st_ino}\n".encode())
    for root, folders, files in os.walk(data):
        folders.sort()
        info = os.stat(root)
        digest.update(f"{root}\0{info.st_mtime_ns}\0{info.st_ino}\0{'/'.join(sorted(files))}\n".encode())
    return digest.hexdigest()[:32]


def fingerprint(folder: Path | None) -> str:
    """The engine's fingerprint, from the cache in the service's ``folder`` when its signature is known."""
    sig = signature()
    cache_file = folder / paths.FINGERPRINTS if folder is not None else None
    cache: dict[str, str] = {}
    if cache_file is not None:
        try:
            cache = json.loads(cache_file.read_text(encoding="utf-8"))
            if isinstance(cache, dict) and isinstance(cache.get(sig), str):
                return cache[sig]
        except (OSError, ValueError):
            cache = {}
    found = kit_fingerprint()
    if cache_file is not None:
        cache = {sig: found, **{k: v for k, v in list(cache.items())[:7] if isinstance(v, str)}}
        temporary = cache_file.with_suffix(f".{os.getpid()}")
        try:
            temporary.write_text(json.dumps(cache), encoding="utf-8")
            os.replace(temporary, cache_file)
        except OSError:
            pass
    return found


def environment() -> dict[str, str]:
    """The variables that change grading (isolation, limits, threads, devices), as this process has them."""
    return {name: value for name, value in sorted(os.environ.items())
            if (name.startswith("AUTOGRADER_") and not name.startswith("AUTOGRADER_SERVICE")
                and name != "AUTOGRADER_LANG")  # sent with each check: one service speaks every language
            or name in _PASSED_VARIABLES}


def service_key(device: str, engine: str) -> dict[str, Any]:
    """What a service must match to grade a check: same kit version and engine, same interpreter and
    installation, same device as asked for, same grading environment. Seed, exercises and the timing
    verdict are per check (the service keeps a grader for each)."""
    return {"version": __version__, "fingerprint": engine, "prefix": sys.prefix, "python": sys.version,
            "package": str(PACKAGE), "device": device, "environment": environment()}
