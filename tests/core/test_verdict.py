"""The verdict rules, without a process: the tables of ``core.verdict``, the reading of a worker's reply,
and the grading flow driven by a scripted submission that answers as a worker would."""

from __future__ import annotations

from types import SimpleNamespace

import pytest
import torch

from autograder.core import language, verdict
from autograder.core.grader import Grader
from autograder.core.spec import Case, Exercise, Timing
from autograder.core.status import Reply, Status, Timed
from autograder.sandbox import protocol
from autograder.sandbox.protocol import CallReply


def test_every_stop_and_timing_outcome_is_an_exercise_status() -> None:
    assert {stop.status for stop in verdict.STOPS.values()} <= set(Status)
    assert set(verdict.TIMED) == set(Timed)


@pytest.mark.parametrize(("reply", "mro", "reference_raises", "status"), [
    (Reply.MISSING_MODULE, [], False, Status.MISSING),
    (Reply.MISSING_FUNCTION, [], False, Status.MISSING),
    (Reply.IMPORT_ERROR, ["SyntaxError"], False, Status.ERROR),
    (Reply.FORBIDDEN, [], False, Status.FORBIDDEN),
    (Reply.TIMEOUT, [], False, Status.TIMEOUT),
    (Reply.CRASHED, [], False, Status.ERROR),
    (Reply.RAISED, ["NotImplementedError", "RuntimeError", "Exception"], False, Status.NOT_IMPLEMENTED),
    (Reply.RAISED, ["NotImplementedError", "RuntimeError", "Exception"], True, None),  # compared instead
    (Reply.RAISED, ["ValueError", "Exception"], False, None),
    (Reply.RAISED, ["MemoryError", "Exception"], False, Status.ERROR),  # the bound: the rest would do the same
    (Reply.UNSENDABLE, ["MemoryError", "Exception"], False, Status.ERROR),
    (Reply.UNSENDABLE, ["ReplyTooLarge", "MemoryError", "Exception"], False, Status.ERROR),
    (Reply.RETURNED, [], False, None),
    (Reply.UNSENDABLE, [], False, None),
])
def test_which_replies_stop_an_exercise(reply: Reply, mro: list[str], reference_raises: bool,
                                        status: Status | None) -> None:
    stop = verdict.stop_for(reply, mro, reference_raises)
    assert (stop.status if stop else None) == status


def test_only_a_hang_a_crash_exhausted_memory_or_a_reply_too_large_keeps_the_credit_of_the_cases_before_it() -> None:
    keeps = {reply for reply, stop in verdict.STOPS.items() if stop.keeps_credit}
    assert keeps == {Reply.TIMEOUT, Reply.CRASHED}
    assert not verdict.NOT_IMPLEMENTED.keeps_credit and verdict.NOT_IMPLEMENTED.counts_cases
    assert verdict.OUT_OF_MEMORY.keeps_credit  # like a crash: the cases before it were answered
    too_large = verdict.stop_for(Reply.UNSENDABLE, ["ReplyTooLarge", "MemoryError", "Exception"], False)
    assert too_large is verdict.TOO_LARGE and too_large.keeps_credit


@pytest.mark.parametrize(("failed", "raised", "status"), [
    (0, 0, Status.PASSED), (3, 0, Status.FAILED), (3, 1, Status.ERROR)])
def test_status_after_every_case_ran(failed: int, raised: int, status: Status) -> None:
    assert verdict.after_cases(failed, raised) is status


@pytest.mark.parametrize(("timed", "points"), [
    (Timed.PASSED, 10.0), (Timed.TOO_SLOW, 8.0), (Timed.KILLED, 8.0), (Timed.WRONG_OUTPUT, 4.0),
    (Timed.ERROR, 4.0), (Timed.FORBIDDEN, 0.0)])
def test_points_kept_by_each_timing_outcome(timed: Timed, points: float) -> None:
    assert verdict.timed_points(verdict.TIMED[timed], 10.0, 8.0) == points


def test_every_timing_outcome_has_a_row_and_a_forbidden_call_while_timed_is_forbidden() -> None:
    assert set(verdict.TIMED) == set(Timed)
    assert verdict.TIMED[Timed.FORBIDDEN].status is Status.FORBIDDEN


# -- reading a reply: whatever a worker sends, the grader gets plain fields ------------------------------
def _wire(value: object) -> tuple[dict, dict]:
    tensors: dict = {}
    return {"status": "returned", "value": protocol.encode(value, tensors)}, tensors


def test_a_returned_value_is_decoded_with_its_devices() -> None:
    reply = CallReply.read(*_wire([torch.ones(2), 3]))
    assert reply.status is Reply.RETURNED and reply.devices == ["cpu"] and reply.value[1] == 3


@pytest.mark.parametrize("header", [
    {"status": "no such status"}, {"status": ["returned"]}, {"status": "returned"},
    {"status": "returned", "value": {"t": "tensor", "k": "9"}}, {"status": "returned", "value": 5},
    {"status": "returned", "value": {"t": "list", "v": 3}}])
def test_a_malformed_reply_is_a_crash_with_a_sentence(header: dict) -> None:
    reply = CallReply.read(header, {})
    assert reply.status is Reply.CRASHED and reply.detail.startswith("unreadable reply (")
    with language.speaking("fr"):  # read in the grader, in the language of the grading
        assert CallReply.read(header, {}).detail.startswith("réponse illisible (")


def test_string_fields_of_a_reply_are_strings_cut_to_size() -> None:
    reply = CallReply.read({"status": "raised", "type": {"a": 1}, "message": "x" * 10**6, "mro": "Exception",
                            "operators": [1, 2]}, {})
    assert reply.type == "{'a': 1}" and len(reply.message) == protocol.MAX_TEXT
    assert reply.mro == [] and reply.operators == ["1", "2"]


# -- the flow, with a scripted submission ------------------------------------------------------------------
def _double(x: torch.Tensor) -> torch.Tensor:
    if x.numel() == 0:
        raise ValueError("empty")
    return 2 * x


EXERCISE = Exercise(
    id="double", module="toy", function="double", summary="twice x", points=10, reference=_double,
    make_inputs=lambda params, gen: {"x": torch.arange(params["n"], dtype=torch.float32)},
    edge_cases=(Case("one", {"n": 1}), Case("four", {"n": 4}), Case("eight", {"n": 8}), Case("empty", {"n": 0})),
    random_case=None, n_random=0, shrink={"n": 1})


class Scripted:
    """Answers each call as ``answer(inputs)`` says, the way a worker's reply would read."""

    def __init__(self, answer) -> None:
        self.answer = answer
        self.calls = 0
        self.worker = None

    def call(self, exercise: Exercise, inputs: dict, packed: object = None) -> CallReply:
        self.calls += 1
        return self.answer(inputs)

    def start_call(self, exercise: Exercise, inputs: dict, packed: object = None) -> SimpleNamespace:
        """The case runs as it is sent (a worker starts on it), its reply read later."""
        run = self.call(exercise, inputs, packed)
        return SimpleNamespace(result=lambda: run)


def _raises(type_name: str, *bases: str):
    return lambda inputs: CallReply(Reply.RAISED, type=type_name, message="boom", mro=[type_name, *bases])


def _grade(answer, exercise: Exercise = EXERCISE):
    grader = Grader(device="cpu", exercises=[exercise], timing_enabled=False)
    return grader.grade_exercise(exercise, Scripted(answer), {"toy.py": ""}, {})


def test_a_correct_answer_passes_every_case() -> None:
    def answer(inputs: dict) -> CallReply:
        if inputs["x"].numel() == 0:
            return _raises("ValueError", "Exception")(inputs)
        return CallReply.read(*_wire(2 * inputs["x"]))

    result = _grade(answer)
    assert (result.status, result.score, result.cases_passed) == (Status.PASSED, 10, 4)


def test_a_wrong_answer_fails_with_its_smallest_case_and_partial_credit() -> None:
    def answer(inputs: dict) -> CallReply:
        if inputs["x"].numel() == 0:
            return _raises("ValueError", "Exception")(inputs)
        return CallReply.read(*_wire(inputs["x"] + inputs["x"].numel() // 4))  # right only below n = 4

    result = _grade(answer)
    assert result.status is Status.FAILED and result.cases_passed == 2 and result.score == 5.0
    # shrunk from "four" (the smallest failing case) to n = 2; n = 1 passes
    assert result.smallest_failing_case.params == {"n": 2}


def test_raising_where_the_reference_returns_is_an_error() -> None:
    result = _grade(_raises("IndexError", "LookupError", "Exception"))
    assert result.status is Status.ERROR and "raised IndexError" in result.feedback


def test_a_stub_is_not_implemented_and_scores_nothing() -> None:
    result = _grade(_raises("NotImplementedError", "RuntimeError", "Exception"))
    assert (result.status, result.score, result.cases_total) == (Status.NOT_IMPLEMENTED, 0.0, 4)


def test_a_hang_after_two_good_cases_keeps_their_credit() -> None:
    replies = iter([*(_wire(2 * torch.arange(n, dtype=torch.float32)) for n in (1, 4))])

    def answer(inputs: dict) -> CallReply:
        wire = next(replies, None)
        return CallReply.read(*wire) if wire else CallReply(Reply.TIMEOUT)

    result = _grade(answer)
    assert result.status is Status.TIMEOUT and result.score == 5.0 and result.failures[0].case == "eight"


@pytest.mark.parametrize(("reply", "status"), [
    (CallReply(Reply.FORBIDDEN, operators=["aten::mul"]), Status.FORBIDDEN),
    (CallReply(Reply.MISSING_FUNCTION), Status.MISSING),
    (CallReply(Reply.IMPORT_ERROR, type="SyntaxError", message="bad"), Status.ERROR)])
def test_a_stop_on_the_first_case_scores_nothing(reply: CallReply, status: Status) -> None:
    scripted = Scripted(lambda inputs: reply)
    grader = Grader(device="cpu", exercises=[EXERCISE], timing_enabled=False)
    result = grader.grade_exercise(EXERCISE, scripted, {"toy.py": ""}, {})
    assert (result.status, result.score, scripted.calls) == (status, 0.0, 1)


def test_a_module_refused_or_absent_is_judged_without_running() -> None:
    grader = Grader(device="cpu", exercises=[EXERCISE], timing_enabled=False)
    scripted = Scripted(lambda inputs: pytest.fail("nothing may run"))
    assert grader.grade_exercise(EXERCISE, scripted, {}, {}).status is Status.MISSING
    assert grader.grade_exercise(EXERCISE, scripted, {"toy.py": ""}, {"toy": "bad bytes"}).status is Status.ERROR
    screened = grader.grade_exercise(EXERCISE, scripted, {"toy.py": ""}, {}, {"toy": ["line 1: exec"]})
    assert screened.status is Status.FORBIDDEN


def test_a_tensor_subclass_is_refused_even_when_its_values_are_right() -> None:
    class Sneaky(torch.Tensor):
        pass

    result = _grade(lambda inputs: CallReply.read(*_wire((2 * inputs["x"]).as_subclass(Sneaky)))
                    if inputs["x"].numel() else _raises("ValueError", "Exception")(inputs))
    assert result.status is Status.FAILED and "Sneaky" in result.feedback


def test_timing_is_only_reached_once_every_case_is_right() -> None:
    timed = Exercise(**{**EXERCISE.__dict__, "timing": Timing({"n": 4}, budget=5.0)})
    grader = Grader(device="cpu", exercises=[timed], timing_enabled=False)
    grader.timing_enabled = True  # no reference worker: a timed run would fail loudly
    result = grader.grade_exercise(timed, Scripted(_raises("IndexError", "Exception")), {"toy.py": ""}, {})
    assert result.status is Status.ERROR and result.timing is None


def test_a_change_to_the_kit_s_own_code_is_forbidden_and_scores_nothing() -> None:
    reply = CallReply.read({"status": "tampered", "operators": ["autograder.sandbox.probes.generator_calls"]}, {})
    scripted = Scripted(lambda inputs: reply)
    grader = Grader(device="cpu", exercises=[EXERCISE], timing_enabled=False)
    result = grader.grade_exercise(EXERCISE, scripted, {"toy.py": ""}, {})
    assert (result.status, result.score, scripted.calls) == (Status.FORBIDDEN, 0.0, 1)
    assert "changed the grader's own code (autograder.sandbox.probes.generator_calls)" in result.feedback


def test_on_a_secret_seed_a_wrong_answer_s_feedback_holds_no_expected_value() -> None:
    def answer(inputs: dict) -> CallReply:
        if inputs["x"].numel() == 0:
            return _raises("ValueError", "Exception")(inputs)
        return CallReply.read(*_wire(2 * inputs["x"] + 0.5))

    public = _grade(answer)
    assert "expected 0" in public.feedback
    grader = Grader(seed=2**100 + 1, device="cpu", exercises=[EXERCISE], timing_enabled=False, secret=True)
    secret = grader.grade_exercise(EXERCISE, Scripted(answer), {"toy.py": ""}, {})
    assert secret.status is Status.FAILED and secret.score == 2.5  # the empty case raises, as it should
    assert "expected" not in secret.feedback and "where you return 0.5" in secret.feedback


def test_the_next_case_runs_while_one_is_judged_and_is_read_when_judging_fails(monkeypatch) -> None:
    """Case i+1 is sent once case i's reply is read and before it is judged; an answer that breaks the
    judging still has the case sent after it read, so that the worker's next reply answers the next request."""
    events: list[str] = []

    class Ordered(Scripted):
        def start_call(self, exercise: Exercise, inputs: dict, packed: object = None) -> SimpleNamespace:
            number = self.calls
            events.append(f"sent {number}")
            run = self.call(exercise, inputs, packed)
            return SimpleNamespace(result=lambda: events.append(f"read {number}") or run)

    grader = Grader(device="cpu", exercises=[EXERCISE], timing_enabled=False)
    judge = grader.verdict

    def verdict(*args: object) -> tuple:
        judged = sum(event.startswith("judged") for event in events)
        events.append(f"judged {judged}")
        if judged == 1:
            raise ValueError("an answer the comparison cannot read")
        return judge(*args)  # type: ignore[arg-type]

    monkeypatch.setattr(grader, "verdict", verdict)
    result = grader.grade_exercise(EXERCISE, Ordered(lambda inputs: CallReply.read(*_wire(2 * inputs["x"]))),
                                   {"toy.py": ""}, {})
    assert events == ["sent 0", "read 0", "sent 1", "judged 0", "read 1", "sent 2", "judged 1", "read 2"]
    assert result.status is Status.ERROR and "cannot read" in result.feedback
