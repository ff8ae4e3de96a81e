"""The comparison's verdicts and the sentences it writes."""

from __future__ import annotations

import torch

from autograder.core.compare import compare
from autograder.sandbox.protocol import Opaque


def test_equal_tensors_match() -> None:
    x = torch.randn(3, 4)
    assert compare(x, x.clone()) is None


def test_float32_within_default_tolerance_matches() -> None:
    x = torch.randn(3, 4)
    assert compare(x, x + 1e-7) is None


def test_value_difference_names_first_index_and_errors() -> None:
    expected = torch.zeros(2, 3, dtype=torch.float64)
    actual = expected.clone()
    actual[1, 2] = 0.5
    message = compare(expected, actual)
    assert "1 of 6 elements differ" in message
    assert "index (1, 2)" in message
    assert "expected 0, got 0.5" in message
    assert "max abs error 0.5" in message


def test_shape_is_checked_before_values() -> None:
    assert compare(torch.zeros(7), torch.zeros(1, 7)) == "expected shape (7,), got (1, 7)"


def test_dtype_must_match_exactly() -> None:
    message = compare(torch.zeros(3), torch.zeros(3, dtype=torch.float64))
    assert message == "expected dtype torch.float32, got torch.float64"


def test_unexpected_nan_is_reported() -> None:
    actual = torch.tensor([1.0, float("nan"), 3.0])
    assert compare(torch.tensor([1.0, 2.0, 3.0]), actual).startswith("1 NaN values")


def test_nan_where_reference_has_nan_matches() -> None:
    x = torch.tensor([1.0, float("nan")])
    assert compare(x, x.clone()) is None


def test_integers_are_exact() -> None:
    assert compare(torch.tensor([1, 2]), torch.tensor([1, 3])) is not None
    assert compare(5, 5) is None
    assert compare(5, 6) == "expected 5, got 6"


def test_int_and_float_are_different_types() -> None:
    assert "expected an int (30), got a float (30.0)" in compare(30, 30.0)


def test_sequences_compare_elementwise_and_accept_list_for_tuple() -> None:
    expected = (torch.ones(2), ["a", "b"])
    assert compare(expected, [torch.ones(2), ["a", "b"]]) is None
    assert compare(expected, (torch.ones(2), ["b", "a"])) == "element 1: element 0: expected 'a', got 'b'"
    assert compare(expected, (torch.ones(2),)) == "expected 2 elements, got 1"


def test_non_tensor_return_is_named() -> None:
    message = compare(torch.zeros(2), Opaque("numpy.ndarray", "array([0., 0.])"))
    assert "expected a Tensor of shape (2,)" in message and "numpy.ndarray" in message


def test_spec_tolerances_override_defaults() -> None:
    assert compare(torch.tensor([1.0]), torch.tensor([1.01])) is not None
    assert compare(torch.tensor([1.0]), torch.tensor([1.01]), rtol=0.0, atol=0.02) is None


def test_dicts_compare_key_by_key_and_name_the_key() -> None:
    expected = {"model.fc.out_features": 5, "output shape": [2, 5], "logits": torch.zeros(2)}
    assert compare(expected, {"logits": torch.zeros(2), "output shape": [2, 5], "model.fc.out_features": 5}) is None
    assert compare(expected, {**expected, "model.fc.out_features": 1000}) == \
        "'model.fc.out_features': expected 5, got 1000"
    assert compare(expected, {**expected, "output shape": [2, 1000]}) == \
        "'output shape': element 1: expected 5, got 1000"
    assert compare(expected, {**expected, "logits": torch.ones(2)}).startswith("'logits': 2 of 2 elements differ")


def test_dicts_must_have_the_same_keys() -> None:
    message = compare({"a": 1, "b": 2}, {"a": 1, "c": 2})
    assert message == "expected a dict with the keys ['a', 'b'], got one with the keys ['a', 'c']"
    assert compare({"a": 1}, [1]) == "expected a dict, got a list"


def test_a_huge_returned_value_is_shown_cut_short() -> None:
    problem = compare(5, "x" * 10_000_000)
    assert problem is not None and len(problem) < 400 and problem.startswith("expected an int (5), got a str")
    keys = compare({"a": 1}, {str(i): 1 for i in range(100_000)})
    assert keys is not None and len(keys) < 400
    assert compare(5, 6) == "expected 5, got 6" and compare("a", "b") == "expected 'a', got 'b'"


def test_without_reveal_no_sentence_gives_the_expected_value_back() -> None:
    """Final grading's secret seed: what the student returned and where it differs, never what was expected
    (nor the errors, from which the expected value follows)."""
    assert compare(30, 31, reveal=False) == "got 31, which is not the expected value"
    assert "30" in compare(30, 31)
    assert "0.123" not in compare(0.123, 0.5, reveal=False)
    assert "7" not in compare(7, None, reveal=False)
    expected = torch.tensor([1.0, 2.0, 3.0])
    actual = torch.tensor([1.0, 2.0, 4.5])
    hidden = compare(expected, actual, reveal=False)
    assert "1 of 3 elements differ" in hidden and "(2,)" in hidden and "4.5" in hidden
    assert "expected" not in hidden and "3." not in hidden and "1.5" not in hidden
    keys = compare({"apple": 1, "pear": 2}, {"apple": 1}, reveal=False)
    assert "pear" not in keys and "apple" in keys
    nested = compare([{"a": torch.tensor([9.0])}], [{"a": torch.tensor([8.0])}], reveal=False)
    assert "9" not in nested and "8" in nested
    assert compare(expected, expected.clone(), reveal=False) is None
