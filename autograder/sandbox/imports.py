"""What the student worker may import: the submission's screened files, and installed code; nothing else.

A submission that writes a ``.py`` file while it runs and then imports it would run code the screen never
saw. This finder, first on ``sys.meta_path`` in the student worker, serves a submission's modules from
the text the grader sent (and screened), never from the disk the submission can write to, and refuses any
other module whose file is not part of an installation (the Python installation, its site-packages, the
kit's engine). Bytecode caches are neither written nor trusted for the submission's modules.
"""

from __future__ import annotations

import importlib.abc
import importlib.machinery
import importlib.util
import site
import sys
import sysconfig
from pathlib import Path
from types import ModuleType

from autograder.core.messages import say
from autograder.sandbox import isolation


class _ScreenedSource(importlib.abc.Loader):
    def __init__(self, path: Path, text: str) -> None:
        self.path, self.text = path, text

    def create_module(self, spec: importlib.machinery.ModuleSpec) -> ModuleType | None:
        return None

    def exec_module(self, module: ModuleType) -> None:
        exec(compile(self.text, str(self.path), "exec", dont_inherit=True), module.__dict__)


class ScreenedImports(importlib.abc.MetaPathFinder):
    def __init__(self, submission_dir: Path) -> None:
        self.submission_dir = submission_dir
        self.sources: dict[str, str] = {}  # module name -> the text the grader sent
        self.installed = tuple(sorted({str(Path(p).resolve()) + "/" for p in _installation_paths()}))

    def allow(self, filename: str, text: str) -> None:
        if filename.endswith(".py"):
            self.sources[filename[:-3]] = text

    def source(self, module: str) -> str | None:
        return self.sources.get(module)

    def spec(self, name: str) -> importlib.machinery.ModuleSpec | None:
        """The spec of a submitted module, loaded from its screened text."""
        text = self.sources.get(name)
        if text is None:
            return None
        path = self.submission_dir / f"{name}.py"
        spec = importlib.machinery.ModuleSpec(name, _ScreenedSource(path, text), origin=str(path))
        spec.has_location = True  # so that the module has its __file__, as a module read from disk would
        return spec

    def find_spec(self, fullname: str, path: object = None, target: object = None) \
            -> importlib.machinery.ModuleSpec | None:
        if fullname in self.sources:
            return self.spec(fullname)
        found = importlib.machinery.PathFinder.find_spec(fullname, path)  # type: ignore[arg-type]
        if found is None:
            return None  # built-in, frozen, or absent: the other finders say
        places = [found.origin] if found.has_location and found.origin else []
        places += list(found.submodule_search_locations or [])
        for place in places:
            if not (str(Path(place).resolve()) + "/").startswith(self.installed):
                raise ImportError(say("sandbox:not_submitted", module=fullname), name=fullname)
        return None  # an installed module: the usual finders load it


def _installation_paths() -> list[str]:
    """What a worker is given to see (isolation.worker_paths), and where Python installs modules."""
    paths = [str(path) for path in isolation.worker_paths()] + [sys.exec_prefix]
    paths += [p for p in sysconfig.get_paths().values() if p]
    try:
        paths += site.getsitepackages()
    except AttributeError:
        pass
    return paths
