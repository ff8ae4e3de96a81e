"""The grading flow: for each exercise, build the cases, run the student's function in a worker, compute
the reference here, compare, find the smallest failing case, judge the timing, and score.

This process is trusted: it holds the references and the verdicts, and never runs student code.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import torch

from autograder import __version__
from autograder.core import timing
from autograder.core.compare import compare, describe_type
from autograder.core.messages import say
from autograder.core.result import CaseFailure, ExerciseResult, SubmissionResult
from autograder.core.spec import Case, Exercise
from autograder.notebooks import generate
from autograder.release import recorded
from autograder.sandbox import launcher, protocol
from autograder.sandbox.launcher import WorkerDied, WorkerProcess, WorkerTimeout
from autograder.sandbox.screen import screen
from autograder.specs import all_exercises

MAX_FAILURES_SHOWN = 3
UNRECORDED = object()  # in a release: a case whose reference answer was not recorded
SHRINK_ATTEMPTS = 40


def resolve_device(device: str) -> str:
    if device == "auto":
        return "cuda" if torch.cuda.is_available() else "cpu"
    if device not in ("cpu", "cuda") and not device.startswith("cuda:"):
        raise ValueError(f"unknown device {device!r}: use cpu, cuda or auto")
    if device.startswith("cuda") and not torch.cuda.is_available():
        raise ValueError("--device cuda was asked for, but PyTorch sees no CUDA device here")
    return device


@dataclass
class Raised:
    """The reference raised: the student must raise the same type of exception."""

    type_name: str


@dataclass
class Run:
    """What happened when the student's function ran on one case."""

    status: str  # the worker's reply status, or "timeout" / "crashed"
    value: Any = None
    devices: list[str] = field(default_factory=list)
    reply: dict = field(default_factory=dict)


def read_submission(path: Path) -> tuple[dict[str, str], dict[str, str]]:
    """The submission's modules as text, and the modules that could not be read (with why). A notebook
    (``.ipynb``) is the module its code cells make: see :func:`autograder.notebooks.generate.submission_modules`."""
    files = [path] if path.is_file() else sorted([*path.glob("*.py"), *path.glob("*.ipynb")])
    raw, unreadable = {}, {}
    for file in files:
        try:
            raw[file.name] = file.read_bytes()
        except OSError as err:
            unreadable[file.stem] = f"{type(err).__name__}: {err}"
    texts, problems = generate.submission_modules(raw)
    return texts, {**problems, **unreadable}


class Submission:
    """One submission's files and the worker that runs them (restarted after a timeout or a crash)."""

    def __init__(self, files: dict[str, str], device: str) -> None:
        self.files = files
        self.device = device
        self.worker: WorkerProcess | None = None
        self.loaded = False
        if files:
            self._spawn()

    def _spawn(self) -> None:
        self.worker = launcher.take("student")
        self.loaded = False

    def request(self, header: dict, tensors: dict | None = None, timeout: float | None = None):
        if self.worker is None or not self.worker.running:
            self._spawn()
        if not self.loaded:
            self.worker.request({"op": "load", "files": self.files}, timeout=60.0)
            self.loaded = True
        return self.worker.request(header, tensors, timeout)

    def call(self, exercise: Exercise, inputs: dict) -> Run:
        tensors: dict = {}
        header = {"op": "call", "device": self.device,
                  "target": {"module": exercise.module, "function": exercise.function},
                  "args": protocol.encode(inputs, tensors), "forbidden": list(exercise.forbidden),
                  "probe": exercise.probe}
        try:
            reply, reply_tensors = self.request(header, tensors, exercise.time_limit)
        except WorkerTimeout:
            return Run("timeout")
        except WorkerDied as died:
            return Run("crashed", reply={"detail": died.detail, "output": died.output_tail})
        if reply.get("status") == "returned":
            try:
                value = protocol.decode(reply["value"], reply_tensors)
                devices = protocol.tensor_devices(reply["value"])
            except (protocol.ProtocolError, KeyError, TypeError) as err:
                return Run("crashed", reply={"detail": f"unreadable reply ({err})", "output": ""})
            return Run("returned", value, devices, reply)
        plain = _plain_reply(reply)
        if exercise.probe and plain["status"] == "raised" and "ProbeFailed" in plain["mro"]:
            return Run("probe_failed", reply=plain)  # the kit's driver refused the answer, with a sentence
        return Run(plain["status"], reply=plain)

    def close(self) -> None:
        if self.worker is not None:
            self.worker.close()


class Grader:
    """Grades submissions; one grader can grade many, reusing its trusted reference worker for timing."""

    def __init__(self, seed: int = 0, device: str = "auto", exercises: list[Exercise] | None = None,
                 timing_enabled: bool = True) -> None:
        self.seed = seed
        self.device = resolve_device(device)
        self.exercises = list(exercises) if exercises is not None else list(all_exercises())
        self.timing_enabled = timing_enabled
        self._reference_worker: WorkerProcess | None = None
        if timing_enabled and any(ex.timing for ex in self.exercises):
            # started now, so that its PyTorch import overlaps with the student worker's
            self._reference_worker = launcher.take("reference")

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
        exercises = self.exercises if only is None else [ex for ex in self.exercises if ex.id in only]
        if only is not None and len(exercises) != len(set(only)):
            unknown = sorted(set(only) - {ex.id for ex in self.exercises})
            raise KeyError(f"unknown exercise(s): {', '.join(unknown)}")
        if not path.exists():
            raise FileNotFoundError(f"no such file or directory: {path}")
        files, unreadable = read_submission(path)
        screened = {Path(name).stem: findings for name, text in files.items() if (findings := screen(text))}
        submission = Submission(files, self.device)
        try:
            results = [self.grade_exercise(ex, submission, files, unreadable, screened) for ex in exercises]
            generate.add_cell_reports(results, files, submission)
        finally:
            submission.close()
        return SubmissionResult(submission=str(path), seed=self.seed, device=self.device, exercises=results,
                                kit_version=__version__, isolation=launcher.isolation_level())

    def grade_exercise(self, ex: Exercise, submission: Submission, files: dict[str, str],
                       unreadable: dict[str, str], screened: dict[str, list] | None = None) -> ExerciseResult:
        def result(status: str, feedback: str, score: float = 0.0, **extra: Any) -> ExerciseResult:
            return ExerciseResult(id=ex.id, module=ex.module, score=round(score, 2), max_score=ex.points,
                                  status=status, feedback=feedback, **extra)

        names = dict(module=ex.module, function=ex.function)
        if ex.module in unreadable:
            return result("error", say("unreadable", reason=unreadable[ex.module], **names))
        if f"{ex.module}.py" not in files:
            return result("missing", say("missing_module", **names))
        if screened and ex.module in screened:
            found = screened[ex.module]
            return result("forbidden", say("screened", uses="; ".join(map(str, found[:5])), **names))

        cases = ex.cases(self.seed)

        def planned():  # lazily: a submission that stops at its first case costs one reference
            for case in cases:
                inputs = ex.inputs(case.params, self.seed)
                yield (case, inputs, *self.expected(ex, inputs))

        plans = planned()
        if recorded.answers(ex.id) is not None:
            # a release checks only the cases whose answers it recorded (those of the public seed)
            plans = [plan for plan in plans if plan[2] is not UNRECORDED]
            cases = [plan[0] for plan in plans]
            if not cases:
                return result("error", say("not_recorded", seed=self.seed, public=recorded.PUBLIC_SEED, **names))
        passed, earned, failures, errors = 0, 0.0, [], []
        for case, inputs, expected, expected_devices in plans:
            run = submission.call(ex, inputs)
            if run.status == "missing_module":
                return result("missing", say("missing_module", **names))
            if run.status == "missing_function":
                return result("missing", say("missing_function", **names))
            if run.status == "import_error":
                return result("error", say("import_error", type=run.reply["type"],
                                           message=run.reply["message"], **names),
                              failures=[CaseFailure("import", {}, run.reply["message"], run.reply["traceback"])])
            if run.status == "forbidden":
                return result("forbidden", say("forbidden", operators=", ".join(run.reply["operators"]), **names))
            score_so_far = self._correctness_points(ex) * earned / len(cases)
            counts = dict(cases_passed=passed, cases_total=len(cases))
            if run.status == "timeout":
                return result("timeout", say("timeout", limit=ex.time_limit, case=case.name, **names),
                              score_so_far, failures=[CaseFailure(case.name, dict(case.params), "timeout")],
                              **counts)
            if run.status == "crashed":
                message = say("crashed", case=case.name, detail=run.reply["detail"], **names)
                return result("error", message, score_so_far,
                              failures=[CaseFailure(case.name, dict(case.params), message, run.reply["output"])],
                              **counts)
            if (run.status == "raised" and "NotImplementedError" in run.reply.get("mro", [])
                    and not isinstance(expected, Raised)):
                return result("not_implemented", say("not_implemented", **names), **counts)
            credit, problem = self.verdict(ex, case.params, expected, expected_devices, run)
            earned += credit
            if problem is None:
                passed += 1
                continue
            failures.append(CaseFailure(case.name, dict(case.params), problem, run.reply.get("traceback", "")))
            if run.status in ("raised", "unsendable") and not isinstance(expected, Raised):
                errors.append((failures[-1], run.reply))

        counts = dict(cases_passed=passed, cases_total=len(cases))
        if failures:
            smallest = self.smallest_failure(ex, submission, cases, failures)
            # "error" when the function raised where the reference returns; a wrong exception type where
            # the reference raises too is a wrong answer, "failed"
            status = "error" if errors else "failed"
            if errors:
                first, reply = errors[0]
                feedback = say("error", case=first.case, type=reply["type"], message=reply["message"], **names)
            else:
                feedback = say("failed", failed=len(failures), total=len(cases))
            feedback += "\n" + "\n".join(f.line() for f in failures[:MAX_FAILURES_SHOWN])
            if smallest is not None:
                feedback += "\n" + say("smallest", case_line=smallest.line())
            return result(status, feedback, self._correctness_points(ex) * earned / len(cases),
                          failures=failures[:MAX_FAILURES_SHOWN], smallest_failing_case=smallest, **counts)

        if ex.timing is not None and self.timing_enabled and recorded.answers(ex.id) is not None:
            return result("passed", say("passed_untimed", total=len(cases)), ex.points, **counts)
        if ex.timing is None or not self.timing_enabled:
            return result("passed", say("passed", total=len(cases)), ex.points, **counts)
        return self.timed_result(ex, submission, result, names, counts)

    # -- references and comparisons -------------------------------------------------------------------
    def expected(self, ex: Exercise, inputs: dict) -> tuple[Any, list[str]]:
        """The reference's answer for these inputs (on the grading device), brought back to the CPU."""
        if ex.score is not None:
            return None, []  # scored, not compared: no reference answer
        recorded_answers = recorded.answers(ex.id)
        if recorded_answers is not None:  # a student release, where this reference's code is withheld
            answer = recorded_answers.get(recorded.fingerprint(inputs), UNRECORDED)
            if isinstance(answer, recorded.Raised):
                return Raised(answer.type_name), []
            if answer is UNRECORDED:
                return UNRECORDED, []
            out = {}
            devices = protocol.tensor_devices(protocol.encode(answer, out))
            return answer, [torch.device(self.device).type for _ in devices]
        tensors: dict = {}
        on_device = protocol.decode(protocol.encode(inputs, tensors), tensors)  # a private copy
        on_device = protocol.to_device(on_device, self.device)
        try:
            value = ex.run_reference(on_device)
        except Exception as err:
            return Raised(type(err).__name__), []
        out: dict = {}
        tree = protocol.encode(value, out)
        return protocol.decode(tree, out), protocol.tensor_devices(tree)

    def verdict(self, ex: Exercise, params: dict, expected: Any, expected_devices: list[str],
                run: Run) -> tuple[float, str | None]:
        """The credit a case earns (0 to 1), and what is wrong with it (``None`` at full credit)."""
        if ex.score is None or run.status != "returned":
            problem = self.judge(ex, expected, expected_devices, run)
            return (1.0 if problem is None else 0.0), problem
        credit, sentence = ex.score(run.value, params, ex.generator(params, self.seed))
        credit = min(1.0, max(0.0, float(credit)))
        return credit, (None if credit >= 1.0 else sentence)

    def judge(self, ex: Exercise, expected: Any, expected_devices: list[str], run: Run) -> str | None:
        """``None`` when the run matches the reference, else what is wrong with it."""
        reply = run.reply
        if run.status == "probe_failed":
            return reply["message"]
        if ex.probe and run.status in ("raised", "unsendable"):
            return say("probe_raised", type=reply["type"], message=reply["message"])
        if isinstance(expected, Raised):
            if run.status == "raised":
                if expected.type_name in reply.get("mro", []):
                    return None
                return say("wrong_exception", expected=expected.type_name, got=reply["type"],
                           message=reply["message"])
            if run.status == "returned":
                return say("expected_raise", expected=expected.type_name, got=_short(run.value))
        if run.status in ("raised", "unsendable"):
            return say("raised_instead", expected=describe_type(expected), type=reply["type"],
                       message=reply["message"])
        if run.status != "returned":
            return f"the worker answered {run.status!r}"
        subclass = _subclass(reply.get("value"))
        if subclass:
            return say("subclass", subclass=subclass)
        problem = compare(expected, run.value, ex.rtol, ex.atol)
        if problem is None and run.devices != expected_devices and len(run.devices) == len(expected_devices):
            got = next(g for g, e in zip(run.devices, expected_devices, strict=True) if g != e)
            return say("wrong_device", expected=self.device, got=got)
        return problem

    # -- the smallest failing case --------------------------------------------------------------------
    def smallest_failure(self, ex: Exercise, submission: Submission, cases: list[Case],
                         failures: list[CaseFailure]) -> CaseFailure | None:
        """Start from the failing case with the smallest inputs, then shrink its sizes while it still fails."""
        by_name = {c.name: c for c in cases}
        best = min(failures, key=lambda f: _size(ex.inputs(by_name[f.case].params, self.seed)))
        if not ex.shrink:
            return best
        params = dict(best.params)
        expects_raise = isinstance(self.expected(ex, ex.inputs(params, self.seed))[0], Raised)
        attempts = 0
        improved = True
        while improved and attempts < SHRINK_ATTEMPTS:
            improved = False
            for name, lowest in ex.shrink.items():
                current = params.get(name)
                if not isinstance(current, int) or current <= lowest:
                    continue
                for smaller in sorted({lowest, current // 2, current - 1} - {current}):
                    if smaller < lowest or attempts >= SHRINK_ATTEMPTS:
                        continue
                    attempts += 1
                    trial = {**params, name: smaller}
                    inputs = ex.inputs(trial, self.seed)
                    expected, devices = self.expected(ex, inputs)
                    if expected is UNRECORDED:
                        continue
                    if isinstance(expected, Raised) != expects_raise:
                        continue
                    run = submission.call(ex, inputs)
                    if run.status in ("timeout", "crashed"):
                        return best
                    problem = self.verdict(ex, trial, expected, devices, run)[1]
                    if problem is not None:
                        params = trial
                        best = CaseFailure(f"{best.case.split(' ')[0]} (shrunk)", dict(trial), problem,
                                           run.reply.get("traceback", ""))
                        improved = True
                        break
        return best

    # -- timing ---------------------------------------------------------------------------------------
    def timed_result(self, ex: Exercise, submission: Submission, result, names: dict, counts: dict):
        budget = ex.timing.budget
        correctness = self._correctness_points(ex)

        def student(batch: list[dict], limit: float | None) -> timing.Batch:
            target = {"module": ex.module, "function": ex.function}
            return _timed(submission.request, target, batch, limit, self.device)

        def reference(batch: list[dict], limit: float | None) -> timing.Batch:
            # the student's processes are frozen meanwhile: a thread left running cannot slow the reference
            worker = submission.worker
            if worker is not None:
                worker.freeze()
            try:
                return _timed(self.reference_worker().request, {"exercise": ex.id}, batch, limit, self.device)
            finally:
                if worker is not None:
                    worker.thaw()

        verdict = timing.judge(ex, self.seed, student, reference,
                               lambda expected, got: compare(expected, got, ex.rtol, ex.atol))
        figures = verdict.to_dict(budget)
        total = counts["cases_total"]
        if verdict.status == "passed":
            if verdict.student_seconds < timing.FLOOR_SECONDS:
                feedback = say("passed_fast", total=total, floor_ms=timing.FLOOR_SECONDS * 1000)
            else:
                feedback = say("passed_timed", total=total, ratio=verdict.ratio, budget=budget)
            return result("passed", feedback, ex.points, timing=figures, **counts)
        if verdict.status == "too_slow":
            return result("too_slow", say("too_slow", ratio=verdict.ratio, budget=budget, **names), correctness,
                          timing=figures, **counts)
        if verdict.status == "killed":
            return result("too_slow", say("too_slow_killed", limit=verdict.limit, budget=budget,
                                          reference_ms=verdict.reference_seconds * 1000, **names),
                          correctness, timing=figures, **counts)
        if verdict.status == "wrong_output":
            return result("failed", say("timed_output_wrong", message=verdict.detail), correctness * 0.5,
                          timing=figures, **counts)
        detail = verdict.detail or {}
        return result("error", say("timed_error", type=detail.get("type", detail.get("status")),
                                   message=detail.get("message", detail.get("detail", "")), **names),
                      correctness * 0.5, timing=figures, **counts)

    def reference_worker(self) -> WorkerProcess:
        if self._reference_worker is None or not self._reference_worker.running:
            self._reference_worker = launcher.take("reference")
        return self._reference_worker

    @staticmethod
    def _correctness_points(ex: Exercise) -> float:
        return ex.points * (1 - ex.timing.share) if ex.timing else ex.points


def _timed(request, target: dict, batch: list[dict], limit: float | None, device: str) -> timing.Batch:
    try:
        return timing.run_batch(request, target, batch, limit, device)
    except WorkerTimeout:
        return timing.Batch(limit or 0.0, killed=True)
    except WorkerDied as died:
        return timing.Batch(0.0, problem={"status": "crashed", "detail": died.detail})


def _plain_reply(reply: dict) -> dict:
    """The fields the grader reads from a worker's non-value reply, as strings whatever the worker sent."""
    clean = {key: str(reply.get(key, ""))[:4000] for key in ("status", "type", "message", "traceback")}
    mro, operators = reply.get("mro"), reply.get("operators")
    clean["mro"] = [str(name) for name in mro] if isinstance(mro, list) else []
    clean["operators"] = [str(name) for name in operators] if isinstance(operators, list) else []
    return clean


def _size(inputs: dict) -> tuple[int, int]:
    """How big a case is: elements of its tensors and sequences first, then its integers."""
    elements, integers = 0, 0
    for value in _leaves(inputs):
        if isinstance(value, torch.Tensor):
            elements += value.numel()
        elif isinstance(value, str):
            elements += 1
        elif isinstance(value, int) and not isinstance(value, bool):
            integers += abs(value)
    return elements, integers


def _leaves(value: Any):
    if isinstance(value, dict):
        yield from itertools.chain.from_iterable(_leaves(v) for v in value.values())
    elif isinstance(value, (list, tuple)):
        yield from itertools.chain.from_iterable(_leaves(v) for v in value)
    else:
        yield value


def _subclass(tree: Any) -> str | None:
    if not isinstance(tree, dict):
        return None
    if tree.get("subclass"):
        return tree["subclass"]
    children = tree.get("v")
    if isinstance(children, list):
        return next((s for s in map(_subclass, children) if s), None)
    if isinstance(children, dict):
        return next((s for s in map(_subclass, children.values()) if s), None)
    return None


def _short(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 120 else text[:117] + "..."

