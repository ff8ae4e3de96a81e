"""The demo's sample class grades with the verdicts its students were built to get."""

from __future__ import annotations

from pathlib import Path

import pytest

from autograder.core.grader import Grader
from autograder.specs import all_exercises

CLASS = Path(__file__).resolve().parents[1] / "examples" / "sample_class"

# the first three grew up with the first five modules; what they never handed in is missing
_ALL = [e.id for e in all_exercises()]
_FIRST_FIVE = ("cnn", "rnn", "nlp", "attention", "diffusion")
_MISSING = {e.id: "missing" for e in all_exercises() if e.module not in _FIRST_FIVE}
EXPECTED = {
    "ada": dict.fromkeys(_ALL, "passed"),
    "alan": dict.fromkeys(_ALL, "not_implemented"),
    "grace": {**dict.fromkeys(_ALL, "missing"), "conv_output_size": "passed", "gru_step": "failed", "tfidf": "failed",
              "scaled_dot_product_attention": "passed", "multi_head_self_attention": "failed"},
    "john": {**_MISSING, "conv_output_size": "forbidden", "gru_step": "forbidden", "tfidf": "passed",
             "scaled_dot_product_attention": "too_slow", "multi_head_self_attention": "forbidden",
             "linear_beta_schedule": "failed", "cosine_beta_schedule": "passed", "q_sample": "failed"},
    "katherine": {**_MISSING, "conv_output_size": "failed", "gru_step": "error", "tfidf": "passed",
                  "scaled_dot_product_attention": "failed", "multi_head_self_attention": "passed",
                  "linear_beta_schedule": "passed", "cosine_beta_schedule": "failed", "q_sample": "passed"},
}
# the other exercises of the first five modules are absent from their files: missing functions
for _student in ("grace", "john", "katherine"):
    for _exercise in all_exercises():
        if _exercise.module in _FIRST_FIVE and _exercise.id not in (
                "conv_output_size", "gru_step", "tfidf", "scaled_dot_product_attention", "multi_head_self_attention",
                "linear_beta_schedule", "cosine_beta_schedule", "q_sample"):
            EXPECTED[_student][_exercise.id] = "missing"


# john's attention is too slow: he is graded with the timing verdicts. The others' verdicts do not depend on
# them (timing judges only an exercise whose every case passes, and their passing answers are fixtures whose
# timing tests/specs/test_variants.py judges), so they are graded without, which costs a tenth
TIMED = {"john"}


@pytest.fixture(scope="module")
def untimed_grader():
    with Grader(seed=0, device="cpu", timing_enabled=False) as g:
        yield g


@pytest.mark.slow
@pytest.mark.grading
@pytest.mark.parametrize("student", sorted(EXPECTED))
def test_sample_student(request, student: str) -> None:
    grader = request.getfixturevalue("grader" if student in TIMED else "untimed_grader")
    result = grader.grade(CLASS / student)
    assert {e.id: e.status for e in result.exercises} == EXPECTED[student]
    if student == "ada":
        assert result.score == result.max_score
    if student == "alan":
        assert result.score == 0


def test_sample_class_is_built_from_the_current_fixtures(tmp_path: Path, monkeypatch) -> None:
    import importlib.util

    spec = importlib.util.spec_from_file_location("build_sample_class", CLASS.parent / "build_sample_class.py")
    builder = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(builder)
    monkeypatch.setattr(builder, "OUT", tmp_path / "sample_class")
    builder.main()
    built = {p.relative_to(tmp_path / "sample_class"): p.read_text() for p in (tmp_path / "sample_class").rglob("*.py")}
    shipped = {p.relative_to(CLASS): p.read_text() for p in CLASS.rglob("*.py")}
    assert built == shipped, "examples/sample_class is stale: run `make generate`"
