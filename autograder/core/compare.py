"""Comparing what a student's function returned with what the reference returned.

Runs in the grader, on plain data decoded from the worker. Tolerances are those ``torch.testing``
chooses for the dtype (exact for integers and booleans) unless a specification sets its own.

With ``reveal=False`` (final grading's secret seed) a sentence never shows what was expected, only what the
student returned and where it differs: a student who may submit again (Gradescope) must not collect the
secret cases' answers from the feedback.
"""

from __future__ import annotations

import math
from typing import Any

import torch

from autograder.core.messages import say
from autograder.sandbox.protocol import Opaque

SHOWN_CHARS = 200


def describe_type(value: Any) -> str:
    if isinstance(value, torch.Tensor):
        return f"a Tensor of shape {tuple(value.shape)} and dtype {value.dtype}"
    if isinstance(value, Opaque):
        return f"a value of type {value.type_name} ({value.text})"
    if value is None:
        return "None"
    name = type(value).__name__
    return f"{'an' if name[0] in 'aeiou' else 'a'} {name}"


class Shown:
    """A value as feedback shows it, by ``str`` or ``repr`` alike: its repr, cut to ``SHOWN_CHARS`` characters
    (a student's value may be megabytes long)."""

    def __init__(self, value: Any) -> None:
        text = repr(value[:SHOWN_CHARS] if isinstance(value, str) else value)
        self.text = text if len(text) <= SHOWN_CHARS else text[: SHOWN_CHARS - 3] + "..."

    def __repr__(self) -> str:
        return self.text

    __str__ = __repr__


def shown(value: Any) -> Shown:
    return Shown(value)


def tolerances(dtype: torch.dtype, rtol: float | None, atol: float | None) -> tuple[float, float]:
    if rtol is not None and atol is not None:
        return rtol, atol
    if dtype.is_floating_point or dtype.is_complex:
        from torch.testing._comparison import default_tolerances

        default_rtol, default_atol = default_tolerances(dtype)
    else:
        default_rtol, default_atol = 0.0, 0.0
    return (default_rtol if rtol is None else rtol), (default_atol if atol is None else atol)


def compare(expected: Any, actual: Any, rtol: float | None = None, atol: float | None = None,
            reveal: bool = True) -> str | None:
    """``None`` when ``actual`` matches ``expected``, else a sentence saying the first difference (without the
    expected value where ``reveal`` is false)."""
    if isinstance(expected, torch.Tensor):
        return _compare_tensor(expected, actual, rtol, atol, reveal)
    if isinstance(expected, (list, tuple)):
        if not isinstance(actual, (list, tuple)):
            return say("wrong_type", expected=describe_type(expected), got=describe_type(actual))
        if len(actual) != len(expected):
            return say("wrong_length", expected=len(expected), got=len(actual))
        for index, (e, a) in enumerate(zip(expected, actual, strict=True)):
            problem = compare(e, a, rtol, atol, reveal)
            if problem:
                return say("in_element", index=index, message=problem)
        return None
    if isinstance(expected, dict):
        if not isinstance(actual, dict):
            return say("wrong_type", expected=describe_type(expected), got=describe_type(actual))
        if set(actual) != set(expected):
            if not reveal:
                return say("wrong_keys_hidden", got=shown(sorted(actual)))
            return say("wrong_keys", expected=shown(sorted(expected)), got=shown(sorted(actual)))
        for key, e in expected.items():
            problem = compare(e, actual[key], rtol, atol, reveal)
            if problem:
                return say("in_key", name=key, message=problem)
        return None
    if type(actual) is not type(expected):
        expected_text = describe_type(expected) + (f" ({shown(expected)})" if reveal else "")
        return say("wrong_type", expected=expected_text, got=describe_type(actual)
                   + ("" if isinstance(actual, (torch.Tensor, Opaque)) else f" ({shown(actual)})"))
    if isinstance(expected, float):
        r, a = tolerances(torch.float64, rtol, atol)
        same = math.isclose(actual, expected, rel_tol=r, abs_tol=a) or (math.isnan(actual) and math.isnan(expected))
        return None if same else _wrong_value(expected, actual, reveal)
    return None if actual == expected else _wrong_value(shown(expected), shown(actual), reveal)


def _wrong_value(expected: Any, got: Any, reveal: bool) -> str:
    return say("wrong_value", expected=expected, got=got) if reveal else say("wrong_value_hidden", got=got)


def _compare_tensor(expected: torch.Tensor, actual: Any, rtol: float | None, atol: float | None,
                    reveal: bool = True) -> str | None:
    if not isinstance(actual, torch.Tensor):
        return say("wrong_type", expected=describe_type(expected), got=describe_type(actual))
    if actual.shape != expected.shape:
        return say("wrong_shape", expected=tuple(expected.shape), got=tuple(actual.shape))
    if actual.dtype != expected.dtype:
        return say("wrong_dtype", expected=expected.dtype, got=actual.dtype)
    r, a = tolerances(expected.dtype, rtol, atol)
    try:
        torch.testing.assert_close(actual, expected, rtol=r, atol=a, equal_nan=True)
        return None
    except AssertionError:
        pass
    return _describe_difference(expected, actual, r, a, reveal)


def _describe_difference(expected: torch.Tensor, actual: torch.Tensor, rtol: float, atol: float,
                         reveal: bool = True) -> str:
    if expected.dtype.is_floating_point or expected.dtype.is_complex:
        exp64 = expected.to(torch.complex128 if expected.dtype.is_complex else torch.float64)
        act64 = actual.to(exp64.dtype)
        close = torch.isclose(act64, exp64, rtol=rtol, atol=atol, equal_nan=True)
        surprise_nan = act64.isnan() & ~exp64.isnan()
        if surprise_nan.any():
            first = _index(surprise_nan, expected.shape)
            return say("nan_values", count=int(surprise_nan.sum()), index=first)
        abs_err = (act64 - exp64).abs()
        rel_err = abs_err / exp64.abs().clamp_min(torch.finfo(torch.float64).tiny)
        finite = torch.isfinite(abs_err)
        max_abs = float(abs_err[finite].max()) if finite.any() else math.inf
        max_rel = float(rel_err[finite].max()) if finite.any() else math.inf
    else:
        close = actual == expected
        max_abs = float((actual.to(torch.float64) - expected.to(torch.float64)).abs().max())
        max_rel = math.nan
    wrong = ~close
    index = _index(wrong, expected.shape)
    if not reveal:  # the errors would give the expected value back, from what the student returned
        return say("wrong_values_hidden", mismatched=int(wrong.sum()), total=expected.numel(), index=index,
                   got=_item(actual, index), rtol=rtol, atol=atol)
    return say("wrong_values", mismatched=int(wrong.sum()), total=expected.numel(), index=index,
               expected=_item(expected, index), got=_item(actual, index), max_abs=max_abs, max_rel=max_rel,
               rtol=rtol, atol=atol)


def _index(mask: torch.Tensor, shape: torch.Size) -> tuple[int, ...]:
    flat = int(mask.reshape(-1).nonzero()[0, 0])
    return tuple(int(i) for i in torch.unravel_index(torch.tensor(flat), shape)) if len(shape) else ()


def _item(tensor: torch.Tensor, index: tuple[int, ...]) -> str:
    value = tensor[index].item()
    return f"{value:.6g}" if isinstance(value, float) else str(value)
