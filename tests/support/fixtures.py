"""The fixtures of ``tests/variants/`` run in this process (they are ours, not a student's): which cases
each fails, with its outputs there, as the grader would collect them for a diagnosis. No worker, so a test
of every fixture's diagnosis takes seconds rather than a grading each."""

from __future__ import annotations

import functools
import importlib.util
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

from autograder.core.compare import compare
from autograder.core.diagnosis import MAX_CASES
from autograder.core.reference import Raised, expected
from autograder.core.seed import PUBLIC_SEED
from autograder.core.spec import Exercise, resolve_probe
from autograder.sandbox import protocol
from autograder.specs import get

VARIANTS = Path(__file__).resolve().parents[1] / "variants"


def kind(path: Path) -> str:
    return path.stem.split("_")[0]


def fixtures(*kinds: str) -> list[Path]:
    """The fixtures of these kinds (``correct``, ``wrong``...), or every one."""
    return sorted(p for p in VARIANTS.glob("*/*.py") if not kinds or kind(p) in kinds)


@functools.cache
def plans(exercise_id: str) -> list[tuple[dict, Any]]:
    """Each case's inputs and the reference's answer, on the public seed."""
    ex = get(exercise_id)
    plans = []
    for case in ex.cases(PUBLIC_SEED):
        inputs = ex.inputs(case.params, PUBLIC_SEED)
        plans.append((inputs, expected(ex, inputs, "cpu")[0]))
    return plans


def failing_outputs(path: Path) -> list[tuple[dict, Any]]:
    """The first failing cases of the fixture ``path`` (at most what a diagnosis looks at): their inputs,
    and what the fixture returned (a :class:`Raised` where it raised and the reference did not)."""
    ex = get(path.parent.name)
    call = _callable(ex, _load(path, ex.module))
    wrong: list[tuple[dict, Any]] = []
    for inputs, answer in plans(ex.id):
        got, mro = _run(call, inputs)
        if isinstance(answer, Raised):
            if answer.type_name not in mro:  # the same exception as the reference's, or a subclass of it
                wrong.append((inputs, got))
        elif isinstance(got, Raised) or compare(answer, got, ex.rtol, ex.atol) is not None:
            wrong.append((inputs, got))
        if len(wrong) == MAX_CASES:
            break
    return wrong


def _run(call: Any, inputs: dict) -> tuple[Any, list[str]]:
    """What the call returned, or :class:`Raised` with the names of its exception's classes."""
    tensors: dict = {}
    private = protocol.decode(protocol.encode(inputs, tensors), tensors)
    try:
        return call(**private), []
    except Exception as err:
        return Raised(type(err).__name__), [cls.__name__ for cls in type(err).__mro__]


def _callable(ex: Exercise, module: ModuleType) -> Any:
    if ex.probe:
        driver = resolve_probe(ex.probe)
        return functools.partial(driver, module)
    return getattr(module, ex.function)


def _load(path: Path, name: str) -> ModuleType:
    """The fixture as the module ``name`` (a fixture may import itself by the name it is graded under)."""
    spec = importlib.util.spec_from_file_location(name, path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    saved = sys.modules.get(name)
    sys.modules[name] = module
    try:
        spec.loader.exec_module(module)
    finally:
        if saved is None:
            sys.modules.pop(name, None)
        else:
            sys.modules[name] = saved
    return module


if __name__ == "__main__":  # python tests/support/fixtures.py EXERCISE...: each wrong fixture's diagnosis
    from autograder.core.diagnosis import diagnose

    for exercise_id in sys.argv[1:]:
        for path in sorted((VARIANTS / exercise_id).glob("wrong_*.py")):
            found = diagnose(get(exercise_id), failing_outputs(path), "cpu")
            print(f"{exercise_id}/{path.name}: {found.mistake if found else '-'}")
