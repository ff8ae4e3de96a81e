"""A failing case's small values written out inline (autograder.core.values)."""

from __future__ import annotations

import torch

from autograder.core.reference import Raised
from autograder.core.values import MAX_CHARS, MAX_ELEMENTS, inline


def test_small_tensors_are_shown_rounded_as_pytorch_prints_them() -> None:
    x = torch.tensor([[1.0, -2.5], [0.123456, 3.0]])
    text = inline({"x": x, "dim": 0}, torch.tensor([0.5, float("nan")]), torch.tensor([1, 2]))
    assert text.splitlines() == ["    inputs: x=tensor([[1., -2.5], [0.1235, 3.]]), dim=0",
                                 "    expected: tensor([0.5, nan])", "    got: tensor([1, 2])"]


def test_a_dtype_other_than_the_defaults_is_named() -> None:
    text = inline({"x": torch.ones(2, dtype=torch.float64)}, torch.zeros(2, dtype=torch.float16), (torch.ones(1),))
    assert "dtype=torch.float64" in text and "dtype=torch.float16" in text and "got: (tensor([1.]),)" in text


def test_nothing_is_shown_when_a_tensor_is_big_or_nothing_is_a_tensor() -> None:
    big = torch.zeros(MAX_ELEMENTS + 1)
    assert inline({"x": big}, torch.zeros(1), torch.zeros(1)) == ""
    assert inline({"x": torch.zeros(1)}, torch.zeros(1), big) == ""
    assert inline({"n": 3, "k": 2}, 1, 2) == ""  # the case's own line already gives these numbers
    assert inline({"x": torch.zeros(1)}, Raised("ValueError"), torch.zeros(1)) == ""


def test_what_the_student_returned_is_shown_by_its_type_and_cut() -> None:
    class Sneaky(torch.Tensor):
        pass

    assert inline({"x": torch.zeros(1)}, torch.zeros(1), torch.zeros(1).as_subclass(Sneaky)) == ""
    long = inline({"x": torch.zeros(1)}, torch.zeros(1), "a" * 10_000)
    assert max(map(len, long.splitlines())) <= len("    got: ") + MAX_CHARS
