"""A failing case's values written out, where they are small enough to read at a glance.

Where every tensor of the inputs, the expected and the returned value has at most ``MAX_ELEMENTS``
elements, the feedback shows all three inline, rounded to four significant digits, so that a student sees
the mistake without rebuilding the case. What the student returned is untrusted: anything that is not a
tensor, a number, a string or a plain container of them is shown by its type only, and every text is cut.
"""

from __future__ import annotations

from typing import Any

import torch

from autograder.core.messages import say
from autograder.core.reference import Raised

MAX_ELEMENTS = 20
MAX_CHARS = 400  # per value: a long string or a deep list is cut, not shown whole


def inline(inputs: dict[str, Any], expected: Any, got: Any) -> str:
    """The lines showing ``inputs``, ``expected`` and ``got``; empty where a tensor is too big to show."""
    shown = (*inputs.values(), expected, got)
    if isinstance(expected, Raised) or not all(map(_small, shown)) or not any(map(_holds_tensor, shown)):
        return ""  # too big to read, or only numbers that the case's line already gives
    args = ", ".join(f"{name}={_text(value)}" for name, value in inputs.items())
    return say("case_values", inputs=args, expected=_text(expected), got=_text(got))


def _small(value: Any, depth: int = 0) -> bool:
    if type(value) is torch.Tensor:
        return value.numel() <= MAX_ELEMENTS
    if isinstance(value, (list, tuple)) and depth < 3:
        return len(value) <= MAX_ELEMENTS and all(_small(v, depth + 1) for v in value)
    return value is None or isinstance(value, (bool, int, float, str))


def _holds_tensor(value: Any) -> bool:
    return type(value) is torch.Tensor or (isinstance(value, (list, tuple)) and any(map(_holds_tensor, value)))


def _text(value: Any) -> str:
    if type(value) is torch.Tensor:
        text = _number_list(value.detach().cpu().tolist()) if value.dim() else _number(value.item())
        dtype = "" if value.dtype in (torch.float32, torch.int64, torch.bool) else f", dtype={value.dtype}"
        text = f"tensor({text}{dtype})"
    elif isinstance(value, (list, tuple)):
        inner = ", ".join(_text(v) for v in value)
        text = f"[{inner}]" if isinstance(value, list) else f"({inner}{',' if len(value) == 1 else ''})"
    elif isinstance(value, (bool, int, float, str)) or value is None:
        text = _number(value) if isinstance(value, float) else repr(value)
    else:
        text = f"<{type(value).__name__}>"
    return text if len(text) <= MAX_CHARS else text[: MAX_CHARS - 1] + "…"


def _number_list(values: Any) -> str:
    if isinstance(values, list):
        return "[" + ", ".join(_number_list(v) for v in values) + "]"
    return _number(values)


def _number(value: Any) -> str:
    """A float as PyTorch prints one (``3.``, ``0.1235``, ``nan``), an int or a bool as itself."""
    if not isinstance(value, float):
        return repr(value)
    text = f"{value:.4g}"
    return text if any(c in text for c in ".ena") else text + "."
