"""Rebuilding a failing case in the student's own interpreter or notebook.

``case("gru_step", "basic")`` returns the keyword arguments that case gave the function, so
``gru_step(**case("gru_step", "basic"))`` reruns it; a shrunk case is its case with the parameters that
shrinking changed, given as keywords. Only where the seed is known to the student: the public seed (practice,
``check``), or one given on the command line; final grading's secret seed is never shown, so its feedback
offers no such line.
"""

from __future__ import annotations

from typing import Any

from autograder.core.seed import PUBLIC_SEED


def case(exercise: str, name: str, seed: int = PUBLIC_SEED, **params: Any) -> dict[str, Any]:
    """The inputs of case ``name`` of ``exercise`` as keyword arguments (tensors on the CPU); ``params``
    change the case's parameters (a shrunk case's feedback names them)."""
    from autograder.specs import get

    ex = get(exercise)
    _, named = _named(ex, name, seed)
    if named is None:
        raise KeyError(f"{exercise} has no case {name!r}; its cases: {', '.join(c.name for c in ex.cases(seed))}")
    if ex.probe:
        raise ValueError(f"{exercise} is graded through a probe: its cases are not the function's arguments")
    return ex.inputs({**named, **params}, seed)


def call(ex: Any, name: str, params: dict[str, Any], seed: int) -> str:
    """The line that reruns a case: ``gru_step(**case("gru_step", "random_3", H=1))``; empty where the
    case's inputs are not the function's arguments (a probed exercise, a failed import)."""
    if ex.probe or name == "import":
        return ""
    base, named = _named(ex, name, seed)
    if named is None:
        return ""
    changed = {key: value for key, value in params.items() if named.get(key, object()) != value}
    args = [repr(ex.id), repr(base), *(f"{key}={value!r}" for key, value in changed.items())]
    if seed != PUBLIC_SEED:
        args.append(f"seed={seed}")
    return f"{ex.function}(**case({', '.join(args)}))"


def _named(ex: Any, name: str, seed: int) -> tuple[str, Any]:
    """The case a failure names (``"random_19 (shrunk)"`` is random_19, its parameters shrunk) and its
    parameters on ``seed``; ``None`` for a name that is no case."""
    base = name.split(" ")[0]
    return base, next((c.params for c in ex.cases(seed) if c.name == base), None)
