"""The grading flow: for each exercise, build the cases, run the student's function in a worker, get the
reference's answer here, compare, find the smallest failing case, judge the timing, and score.

This process is trusted: it holds the references and the verdicts, and never runs student code. What an
outcome means for the grade is :mod:`autograder.core.verdict`'s tables; this module only runs the flow.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator, Mapping
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import torch

from autograder import __version__
from autograder.core import diagnosis, language, rebuild, timing, values, verdict
from autograder.core.compare import compare, describe_type
from autograder.core.messages import say
from autograder.core.reference import UNRECORDED, Raised, expected, recorded_answers
from autograder.core.result import SECRET, CaseFailure, ExerciseResult, SubmissionResult
from autograder.core.seed import PUBLIC_SEED
from autograder.core.shrink import smallest_failure
from autograder.core.spec import Case, Exercise, ProbeFailed
from autograder.core.status import Reply, Status, Timed
from autograder.core.submission import Submission, read_submission
from autograder.core.warmup import Warmup
from autograder.notebooks.submission import add_cell_reports
from autograder.sandbox import launcher, protocol
from autograder.sandbox.launcher import WorkerDied, WorkerProcess, WorkerTimeout
from autograder.sandbox.protocol import MAX_TEXT, CallReply
from autograder.sandbox.screen import NestedTooDeep, screen
from autograder.specs import all_exercises

MAX_FAILURES_SHOWN = 3
# a case, its inputs, the reference's answer and its devices, and the inputs as the channel carries them
Plan = tuple[Case, dict, Any, list[str], protocol.Packed]


def resolve_device(device: str) -> str:
    if device == "auto":
        return "cuda" if torch.cuda.is_available() else "cpu"
    if device not in ("cpu", "cuda") and not device.startswith("cuda:"):
        raise ValueError(f"unknown device {device!r}: use cpu, cuda or auto")
    if device.startswith("cuda") and not torch.cuda.is_available():
        raise ValueError("--device cuda was asked for, but PyTorch sees no CUDA device here")
    return device


@dataclass
class Tally:
    """What the cases of one exercise have come to so far."""

    total: int
    passed: int = 0
    earned: float = 0.0  # credit, one per case at most
    failures: list[CaseFailure] = field(default_factory=list)
    raised: list[tuple[CaseFailure, CallReply]] = field(default_factory=list)  # raised where the reference returns
    wrong: list[tuple[dict, Any]] = field(default_factory=list)  # failing cases' inputs, and output or Raised

    def counts(self) -> dict[str, int]:
        return {"cases_passed": self.passed, "cases_total": self.total}


class Grader:
    """Grades submissions; one grader can grade many, reusing its trusted reference worker for timing."""

    def __init__(self, seed: int = PUBLIC_SEED, device: str = "auto", exercises: list[Exercise] | None = None,
                 timing_enabled: bool = True, secret: bool = False) -> None:
        # the grader's own tensor work (inputs, references, comparisons) is small, and beside busy workers
        # OpenMP's threads spin against each other: one thread compares 10x faster at a load of 12 (measured)
        torch.set_num_threads(1)
        self.seed = seed
        self.secret = secret  # the seed is final grading's secret: results say "secret", never the seed
        self.device = resolve_device(device)
        self.exercises = list(exercises) if exercises is not None else list(all_exercises())
        self.timing_enabled = timing_enabled
        self._reference_worker: WorkerProcess | None = None
        # each exercise's plans computed so far, in case order: the same seed gives every submission the
        # same inputs and answers, so a grader computes each reference once, however many it grades
        self._known_plans: dict[str, list[Plan]] = {}
        self._warmup = Warmup()
        if timing_enabled and any(ex.timing for ex in self.exercises):
            # started now, so that its PyTorch import overlaps with the student worker's
            self._reference_worker = launcher.take("reference")

    def warm_up(self) -> None:
        """Start the slow first uses of every exercise of this grader now, in a thread (a grading process, which
        grades them all in every submission, does it before its first)."""
        self._warmup.start(name for ex in self.exercises for name in ex.slow_imports)

    def __enter__(self) -> Grader:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        if self._reference_worker is not None:
            self._reference_worker.close()

    # -- a submission ---------------------------------------------------------------------------------
    def grade(self, path: str | Path, only: list[str] | None = None) -> SubmissionResult:
        """Grade the submission at ``path`` (a folder of modules, or one module file)."""
        path = Path(path)
        exercises = self._selected(only)
        if not path.exists():
            raise FileNotFoundError(say("no_such_path", path=path))
        self._warmup.start(name for ex in exercises for name in ex.slow_imports)
        files, unreadable = read_submission(path)
        screened = self._screened(files, unreadable)
        submission = Submission(files, self.device)
        try:
            results = self._grade_exercises(exercises, submission, files, unreadable, screened)
            add_cell_reports(results, files, submission)
        finally:
            submission.close()
            self._warmup.wait()
        return SubmissionResult(submission=str(path), seed=SECRET if self.secret else self.seed, device=self.device,
                                exercises=results,
                                kit_version=__version__, isolation=launcher.isolation_level(),
                                bounds=launcher.bounds())

    @staticmethod
    def _screened(files: dict[str, str], unreadable: dict[str, str]) -> dict[str, list]:
        """What the screen refuses in each module; a module nested deeper than the parser goes is added to
        ``unreadable`` (it is not run: nothing could say what it holds)."""
        screened = {}
        for name, text in files.items():
            try:
                if findings := screen(text):
                    screened[Path(name).stem] = findings
            except NestedTooDeep as err:
                unreadable.setdefault(Path(name).stem, say("too_deeply_nested", type=str(err)))
        return screened

    def _grade_exercises(self, exercises: list[Exercise], submission: Submission, files: dict[str, str],
                         unreadable: dict[str, str], screened: dict[str, list]) -> list[ExerciseResult]:
        """Each exercise's result, in order. The background exercises (trainings) run on a second worker of
        the submission, in a thread of their own, while the others are graded here."""
        # a module that is absent or refused costs no second worker: it is said here, in a moment
        background = [ex for ex in exercises
                      if ex.background and _refused_before_running(ex, files, unreadable, screened) is None]
        if not background or len(background) == len(exercises):
            return [self._clocked(ex, submission, files, unreadable, screened) for ex in exercises]
        behind_ids = {ex.id for ex in background}
        second = submission.companion()  # frozen with the first while the reference is timed
        spoken = language.current()  # the thread speaks the language this request speaks
        planned = {ex.id: threading.Event() for ex in background}

        def grade_background() -> dict[str, ExerciseResult]:
            done: dict[str, ExerciseResult] = {}
            with language.speaking(spoken):
                for ex in background:
                    planned[ex.id].wait()
                    done[ex.id] = self._clocked(ex, second, files, unreadable, screened)
            return done

        pool = ThreadPoolExecutor(1, thread_name_prefix="background-exercises")
        behind = pool.submit(grade_background)
        try:
            # their inputs and answers made here, one exercise after the other, each started as soon as they are:
            # beside a timing verdict, only their worker computes
            for ex in background:
                list(self._plans(ex)[1])
                planned[ex.id].set()
            ahead = {ex.id: self._clocked(ex, submission, files, unreadable, screened)
                     for ex in exercises if ex.id not in behind_ids}
            done = {**ahead, **behind.result()}
        finally:
            for event in planned.values():  # on an error here, the thread is not left waiting
                event.set()
            second.close()  # on an error here, its worker ends, and with it the thread's wait
            pool.shutdown(wait=False)
        return [done[ex.id] for ex in exercises]

    def _clocked(self, ex: Exercise, submission: Submission, files: dict[str, str], unreadable: dict[str, str],
                 screened: dict[str, list]) -> ExerciseResult:
        """:meth:`grade_exercise`, with the seconds it took in the result: where a class's grading time goes."""
        start = time.perf_counter()
        result = self.grade_exercise(ex, submission, files, unreadable, screened)
        result.seconds = round(time.perf_counter() - start, 3)
        return result

    def _selected(self, only: list[str] | None) -> list[Exercise]:
        if only is None:
            return self.exercises
        unknown = sorted(set(only) - {ex.id for ex in self.exercises})
        if unknown:
            raise KeyError(say("unknown_exercises", names=", ".join(unknown)))
        return [ex for ex in self.exercises if ex.id in only]

    def grade_exercise(self, ex: Exercise, submission: Submission, files: dict[str, str],
                       unreadable: dict[str, str], screened: dict[str, list] | None = None) -> ExerciseResult:
        refused = _refused_before_running(ex, files, unreadable, screened or {})
        if refused is not None:
            return refused
        cases, plans = self._plans(ex)
        if not cases:
            return _result(ex, Status.ERROR, say("not_recorded", seed=self.seed, public=PUBLIC_SEED,
                                                 **_names(ex)))
        tally = Tally(total=len(cases))
        ahead = iter(plans)
        plan = next(ahead, None)
        pending = submission.start_call(ex, plan[1], plan[4]) if plan is not None else None
        while plan is not None and pending is not None:
            case, inputs, answer, devices, _ = plan
            run = submission.staged(ex, inputs, pending.result()) if ex.stages else pending.result()
            stop = verdict.stop_for(run.status, run.mro, isinstance(answer, Raised))
            if stop is not None:
                return self._stopped(ex, stop, run, case, tally)
            # the next case runs in the worker while this one is judged here (a case that stops the exercise
            # is known before: no case runs after it)
            plan = next(ahead, None)
            pending = submission.start_call(ex, plan[1], plan[4]) if plan is not None else None
            try:
                self._tally(ex, tally, case, inputs, answer, devices, run)
            except Exception as err:  # what a worker sent broke the comparison: the student's error, not ours
                if pending is not None:
                    pending.result()  # read, so that the worker's next reply answers the next request
                message = say("unjudgeable", case=case.name, type=type(err).__name__,
                              message=str(err)[:MAX_TEXT], **_names(ex))
                return _result(ex, Status.ERROR, message, _correctness_points(ex) * tally.earned / tally.total,
                               **tally.counts())
        if tally.failures:
            return self._failed(ex, submission, cases, tally)
        return self._passed(ex, submission, tally)

    def _plans(self, ex: Exercise) -> tuple[list[Case], Iterator[Plan] | list[Plan]]:
        """The cases and, lazily (a submission that stops at its first case costs one reference), each with
        its inputs and the reference's answer, computed once per grader. A release checks only the cases
        whose answers it recorded."""
        cases = ex.cases(self.seed)
        known = self._known_plans.setdefault(ex.id, [])

        def planned() -> Iterator[Plan]:
            for index, case in enumerate(cases):
                if index == len(known):
                    inputs = ex.inputs(case.params, self.seed)
                    known.append((case, inputs, *self.expected(ex, inputs), protocol.packed(inputs)))
                yield known[index]

        if recorded_answers(ex) is None:
            return cases, planned()
        plans = [plan for plan in planned() if plan[2] is not UNRECORDED]
        return [plan[0] for plan in plans], plans

    def _tally(self, ex: Exercise, tally: Tally, case: Case, inputs: dict, answer: Any, devices: list[str],
               run: CallReply) -> None:
        credit, problem = self.verdict(ex, case.params, answer, devices, run)
        tally.earned += credit
        if problem is None:
            tally.passed += 1
            return
        tally.failures.append(self.failure(case.name, dict(case.params), problem, inputs, answer, run))
        if ex.mistakes and len(tally.wrong) < diagnosis.MAX_CASES:
            if run.status is Reply.RETURNED:
                tally.wrong.append((inputs, run.value))
            elif run.status is Reply.RAISED:
                tally.wrong.append((inputs, Raised(run.type)))
            elif run.status is Reply.PROBE_FAILED:  # the probe refused the answer: a mistake's probe must too
                tally.wrong.append((inputs, Raised(ProbeFailed.__name__)))
        if run.status in verdict.RAISED and not isinstance(answer, Raised):
            tally.raised.append((tally.failures[-1], run))

    def failure(self, name: str, params: dict, problem: str, inputs: dict, answer: Any,
                run: CallReply) -> CaseFailure:
        """A failing case, its values shown where small; none on a secret seed, whose inputs the student may
        not learn."""
        got = run.value if run.status is Reply.RETURNED else None
        shown = "" if self.secret or run.status is not Reply.RETURNED else values.inline(inputs, answer, got)
        return CaseFailure(name, params, problem, run.traceback, values=shown)

    def _stopped(self, ex: Exercise, stop: verdict.Stop, run: CallReply, case: Case,
                 tally: Tally) -> ExerciseResult:
        message = say(stop.message, type=run.type, message=run.message, operators=", ".join(run.operators),
                      limit=ex.time_limit, case=case.name, detail=run.detail, **_names(ex))
        score = _correctness_points(ex) * tally.earned / tally.total if stop.keeps_credit else 0.0
        counts = tally.counts() if stop.counts_cases else {}
        failures = self._rerunnable(ex, _stop_failures(run, case, message))
        return _result(ex, stop.status, message, score, failures=failures, **counts)

    def _failed(self, ex: Exercise, submission: Submission, cases: list[Case], tally: Tally) -> ExerciseResult:
        smallest = smallest_failure(self, ex, submission, cases, tally.failures)
        self._rerunnable(ex, [*tally.failures[:MAX_FAILURES_SHOWN], *([smallest] if smallest else [])])
        if tally.raised:
            first, run = tally.raised[0]
            feedback = say("error", case=first.case, type=run.type, message=run.message, **_names(ex))
        else:
            feedback = say("failed", failed=len(tally.failures), total=tally.total)
        found = diagnosis.diagnose(ex, tally.wrong, self.device)
        if found is not None:
            feedback += "\n" + say("diagnosis", hint=found.hint)
        feedback += "\n" + "\n".join(f.line() for f in tally.failures[:MAX_FAILURES_SHOWN])
        if smallest is not None:
            feedback += "\n" + say("smallest", case_line=smallest.line())
        status = verdict.after_cases(len(tally.failures), len(tally.raised))
        return _result(ex, status, feedback, _correctness_points(ex) * tally.earned / tally.total,
                       failures=tally.failures[:MAX_FAILURES_SHOWN], smallest_failing_case=smallest,
                       diagnosis=found, **tally.counts())

    def _rerunnable(self, ex: Exercise, failures: list[CaseFailure]) -> list[CaseFailure]:
        """``failures``, each with the line that reruns it in the student's interpreter; none on a secret seed,
        which the student may not learn."""
        if not self.secret:
            for failure in failures:
                failure.rebuild = rebuild.call(ex, failure.case, failure.params, self.seed)
        return failures

    def _passed(self, ex: Exercise, submission: Submission, tally: Tally) -> ExerciseResult:
        if ex.timing is None or not self.timing_enabled:
            return _result(ex, Status.PASSED, say("passed", total=tally.total), ex.points, **tally.counts())
        if recorded_answers(ex) is not None:  # a release does not hold the reference it is timed against
            return _result(ex, Status.PASSED, say("passed_untimed", total=tally.total), ex.points,
                           **tally.counts())
        return self.timed_result(ex, submission, tally)

    # -- references and comparisons -------------------------------------------------------------------
    def expected(self, ex: Exercise, inputs: dict) -> tuple[Any, list[str]]:
        """The reference's answer for these inputs (on the grading device), brought back to the CPU."""
        return expected(ex, inputs, self.device)

    def verdict(self, ex: Exercise, params: Mapping[str, Any], answer: Any, devices: list[str],
                run: CallReply) -> tuple[float, str | None]:
        """The credit a case earns (0 to 1), and what is wrong with it (``None`` at full credit)."""
        if ex.score is None or run.status is not Reply.RETURNED:
            problem = self.judge(ex, answer, devices, run)
            return (1.0 if problem is None else 0.0), problem
        credit, sentence = ex.score(run.value, params, ex.generator(params, self.seed))
        credit = min(1.0, max(0.0, float(credit)))
        return credit, (None if credit >= 1.0 else sentence)

    def judge(self, ex: Exercise, answer: Any, devices: list[str], run: CallReply) -> str | None:
        """``None`` when the run matches the reference, else what is wrong with it."""
        if run.status is Reply.PROBE_FAILED:
            return run.message
        if ex.probe and run.status in verdict.RAISED:
            return say("probe_raised", type=run.type, message=run.message)
        if isinstance(answer, Raised) and run.status in (Reply.RAISED, Reply.RETURNED):
            return _judge_expected_raise(answer, run)
        if run.status in verdict.RAISED:
            return say("raised_instead", expected=describe_type(answer), type=run.type, message=run.message)
        if run.status is not Reply.RETURNED:
            return f"the worker answered {str(run.status)!r}"
        if run.subclass:
            return say("subclass", subclass=run.subclass)
        problem = compare(answer, run.value, ex.rtol, ex.atol, reveal=not self.secret)
        if problem is None and run.devices != devices and len(run.devices) == len(devices):
            got = next(g for g, e in zip(run.devices, devices, strict=True) if g != e)
            return say("wrong_device", expected=self.device, got=got)
        return problem

    # -- timing ---------------------------------------------------------------------------------------
    def timed_result(self, ex: Exercise, submission: Submission, tally: Tally) -> ExerciseResult:
        assert ex.timing is not None
        self._warmup.wait()  # nothing of it runs beside a clock
        encoding = timing.PairEncoding()  # the student and the reference time the same batch
        student = self._timer(submission.request, {"module": ex.module, "function": ex.function,
                                                   "forbidden": list(ex.forbidden)}, encoding)
        time_reference = self._timer(lambda *a, **k: self.reference_worker().request(*a, **k), {"exercise": ex.id},
                                     encoding)

        def reference(batch: list[dict], limit: float | None) -> timing.Batch:
            # the student's processes are frozen meanwhile: a thread left running cannot slow the reference, nor
            # a worker a background exercise starts (a stage's joins once the batch is over)
            with submission.freezing:
                workers = submission.workers()
                for worker in workers:
                    worker.freeze()
                try:
                    return time_reference(batch, limit)
                finally:
                    for worker in workers:
                        worker.thaw()

        found = timing.judge(ex, self.seed, student, reference,
                             lambda expected, got: compare(expected, got, ex.rtol, ex.atol,
                                                             reveal=not self.secret))
        outcome = verdict.TIMED[found.status]
        message = outcome.message
        if found.status is Timed.PASSED and (found.student_seconds or 0.0) < timing.FLOOR_SECONDS:
            message = "passed_fast"
        feedback = say(message, total=tally.total, floor_ms=timing.FLOOR_SECONDS * 1000, ratio=found.ratio,
                       budget=ex.timing.budget, limit=found.limit,
                       reference_ms=(found.reference_seconds or 0.0) * 1000, **_problem_fields(found.detail),
                       **_names(ex))
        points = verdict.timed_points(outcome, ex.points, _correctness_points(ex))
        return _result(ex, outcome.status, feedback, points, timing=found.to_dict(ex.timing.budget),
                       **tally.counts())

    def _timer(self, request: Any, target: dict, encoding: timing.PairEncoding) -> timing.TimeBatch:
        def time_batch(batch: list[dict], limit: float | None) -> timing.Batch:
            try:
                return timing.run_batch(request, target, batch, limit, self.device, encoding)
            except WorkerTimeout:
                return timing.Batch(limit or 0.0, killed=True)
            except WorkerDied as died:
                return timing.Batch(0.0, problem=CallReply(Reply.CRASHED, detail=died.detail))

        return time_batch

    def reference_worker(self) -> WorkerProcess:
        if self._reference_worker is None or not self._reference_worker.running:
            self._reference_worker = launcher.take("reference")
        return self._reference_worker


def _names(ex: Exercise) -> dict[str, str]:
    return {"module": ex.module, "function": ex.function}


def _result(ex: Exercise, status: Status, feedback: str, score: float = 0.0, **extra: Any) -> ExerciseResult:
    return ExerciseResult(id=ex.id, module=ex.module, score=round(score, 2), max_score=ex.points,
                          status=status, feedback=feedback, **extra)


def _correctness_points(ex: Exercise) -> float:
    return ex.points * (1 - ex.timing.share) if ex.timing else ex.points


def _refused_before_running(ex: Exercise, files: dict[str, str], unreadable: dict[str, str],
                            screened: dict[str, list]) -> ExerciseResult | None:
    """The verdict on a module that cannot be run at all: unreadable, absent, or refused by the screen."""
    if ex.module in unreadable:
        return _result(ex, Status.ERROR, say("unreadable", reason=unreadable[ex.module], **_names(ex)))
    if f"{ex.module}.py" not in files:
        return _result(ex, Status.MISSING, say("missing_module", **_names(ex)))
    if ex.module in screened:
        uses = "; ".join(map(str, screened[ex.module][:5]))
        return _result(ex, Status.FORBIDDEN, say("screened", uses=uses, **_names(ex)))
    return None


def _stop_failures(run: CallReply, case: Case, message: str) -> list[CaseFailure]:
    """The case a stop shows: the import that failed, or the case that hung or crashed the worker."""
    if run.status is Reply.IMPORT_ERROR:
        return [CaseFailure("import", {}, run.message, run.traceback)]
    if run.status is Reply.TIMEOUT:
        return [CaseFailure(case.name, dict(case.params), "timeout")]
    if run.status is Reply.CRASHED:
        return [CaseFailure(case.name, dict(case.params), message, run.output)]
    return []


def _judge_expected_raise(answer: Raised, run: CallReply) -> str | None:
    if run.status is Reply.RETURNED:
        return say("expected_raise", expected=answer.type_name, got=_short(run.value))
    if answer.type_name in run.mro:
        return None
    return say("wrong_exception", expected=answer.type_name, got=run.type, message=run.message)


def _problem_fields(detail: Any) -> dict[str, str]:
    """The ``type`` and ``message`` a timing verdict's detail gives its sentence."""
    if isinstance(detail, CallReply):
        return {"type": detail.type or str(detail.status), "message": detail.message or detail.detail,
                "operators": ", ".join(detail.operators)}
    return {"type": "", "message": str(detail or "")[:MAX_TEXT], "operators": ""}


def _short(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 120 else text[:117] + "..."
