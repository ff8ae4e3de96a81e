"""A graded submission and a run's configuration, made by hand, for the gradebook tests and their writer
processes (which import this module by itself: it needs no more than the engine)."""

from __future__ import annotations

from autograder.core.result import CaseFailure, ExerciseResult, SubmissionResult

CONFIG = dict(key="k1", seed=7, device="cpu", exercises=["conv_output_size"], timing=False, kit_version="0.1.0",
              kit_fingerprint="f" * 16)


def a_result(student: str = "ada", score: float = 3.5) -> SubmissionResult:
    failure = CaseFailure("dilation", {"input_size": 11, "shape": (2, 3), "dtype": "float32"}, "expected 3, got 9",
                          'File "cnn.py", line 3\nValueError: no')
    return SubmissionResult(
        submission=student, seed=7, device="cpu", kit_version="0.1.0", isolation="bubblewrap",
        exercises=[
            ExerciseResult("conv_output_size", "cnn", score, 5, "failed", "2 of 20 cases fail", cases_passed=18,
                           cases_total=20, failures=[failure], smallest_failing_case=failure),
            ExerciseResult("gru_step", "rnn", 8, 10, "too_slow", "correct but 40x slower", cases_passed=31,
                           cases_total=31, timing={"ratio": 40.0, "budget": 10.0, "student_ms": [1.0, 2.0]}),
            ExerciseResult("tfidf", "nlp", 0, 5, "missing", "no file nlp.py in the submission"),
        ])


def unclocked(result: SubmissionResult) -> dict:
    """``result.to_dict()`` but what grading each exercise took, which no two runs share."""
    data = result.to_dict()
    for exercise in data["exercises"]:
        assert isinstance(exercise.pop("seconds"), float)
    return data
