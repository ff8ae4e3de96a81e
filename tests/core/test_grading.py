"""The grading flow end to end, through real worker processes."""

from __future__ import annotations

import json
import shutil
import textwrap
from pathlib import Path

import pytest
from support.results import unclocked

from autograder.core import language
from autograder.core.grader import Grader
from autograder.specs import all_exercises

ROOT = Path(__file__).resolve().parents[2]
MODULES = sorted({ex.module for ex in all_exercises()})

pytestmark = pytest.mark.grading


def submission(tmp_path: Path, **modules: str) -> Path:
    for name, source in modules.items():
        (tmp_path / f"{name}.py").write_text(textwrap.dedent(source), encoding="utf-8")
    return tmp_path


def only_conv(grader: Grader, path: Path):
    (result,) = grader.grade(path, only=["conv_output_size"]).exercises
    return result


@pytest.mark.slow
@pytest.mark.parametrize("module", MODULES)
def test_solutions_get_full_marks(grader: Grader, module: str) -> None:
    # module by module (each exercise timed), so that the processes of a parallel run share the work
    exercises = [ex for ex in all_exercises() if ex.module == module]
    result = grader.grade(ROOT / "solutions", only=[ex.id for ex in exercises])
    bad = [(e.id, e.status, e.feedback) for e in result.exercises if e.status != "passed"]
    assert not bad
    assert [e.id for e in result.exercises] == [ex.id for ex in exercises]
    assert result.score == result.max_score == sum(ex.points for ex in exercises)


def test_stubs_get_zero_and_not_implemented_everywhere(grader: Grader) -> None:
    result = grader.grade(ROOT / "exercises", only=None)
    assert result.score == 0
    assert {e.status for e in result.exercises} == {"not_implemented"}
    assert all("fill in the stub" in e.feedback for e in result.exercises)


def test_missing_module_and_missing_function(grader: Grader, tmp_path: Path) -> None:
    path = submission(tmp_path, cnn="def something_else():\n    return 1\n")
    result = grader.grade(path)
    by_id = {e.id: e for e in result.exercises}
    assert by_id["conv_output_size"].status == "missing"
    assert "has no function conv_output_size()" in by_id["conv_output_size"].feedback
    assert by_id["gru_step"].status == "missing"
    assert by_id["gru_step"].feedback == "no file rnn.py in the submission"


def test_syntax_error_is_an_error_of_that_module_only(grader: Grader, tmp_path: Path) -> None:
    solved = (ROOT / "solutions" / "cnn.py").read_text()
    path = submission(tmp_path, cnn=solved, rnn="def gru_step(x, h:\n    pass\n")
    result = grader.grade(path, only=["conv_output_size", "gru_step"])
    conv, gru = result.exercises
    assert conv.status == "passed"
    assert gru.status == "error" and "rnn.py could not be imported: SyntaxError" in gru.feedback
    assert 'File "rnn.py", line 1' in gru.failures[0].traceback


def test_exit_at_import_is_an_import_error(grader: Grader, tmp_path: Path) -> None:
    path = submission(tmp_path, cnn="import sys\nsys.exit(0)\n")
    result = only_conv(grader, path)
    assert result.status == "error" and "SystemExit" in result.feedback


def test_what_the_worker_says_is_in_the_language_of_the_grading(grader: Grader, tmp_path: Path) -> None:
    """A sentence made inside the sandboxed worker (the refusal of a module the submission wrote itself) is
    said in the language the grading speaks: the grader names it when it loads the submission, and the
    worker reads the catalogue from the package it sees (under bubblewrap too)."""
    path = submission(tmp_path, cnn="""
        import pathlib
        pathlib.Path(__file__).with_name("written.py").write_text("x = 1\\n")
        import written
        """)
    with language.speaking("fr"):
        result = only_conv(grader, path)
    assert result.status == "error", result.feedback
    assert ("cnn.py n'a pas pu être importé\u00a0: ImportError\u00a0: written ne faisait pas partie du rendu\u00a0: "
            "seuls les fichiers que vous avez rendus") in result.feedback, result.feedback
    english = only_conv(grader, path)  # the same grader, in English again: each submission's worker is told
    assert "ImportError: written was not part of the submission" in english.feedback, english.feedback


def test_traceback_is_trimmed_to_the_students_frames(grader: Grader, tmp_path: Path) -> None:
    path = submission(tmp_path, cnn="""
        def helper(n):
            return 1 // (n - n)

        def conv_output_size(input_size, kernel_size, stride=1, padding=0, dilation=1):
            return helper(input_size)
        """)
    result = only_conv(grader, path)
    assert result.status == "error"
    trace = result.failures[0].traceback
    assert 'File "cnn.py", line 6, in conv_output_size' in trace
    assert 'File "cnn.py", line 3, in helper' in trace
    assert "ZeroDivisionError" in trace
    assert "autograder" not in trace and "/tmp" not in trace


def test_infinite_loop_times_out_and_grading_goes_on(grader: Grader, tmp_path: Path) -> None:
    path = submission(tmp_path, cnn="""
        def conv_output_size(input_size, kernel_size, stride=1, padding=0, dilation=1):
            if input_size == 28:   # the second edge case
                while True:
                    pass
            return (input_size + 2 * padding - dilation * (kernel_size - 1) - 1) // stride + 1
        """, diffusion=(ROOT / "solutions" / "diffusion.py").read_text())
    result = grader.grade(path, only=["conv_output_size", "linear_beta_schedule"])
    conv, schedule = result.exercises
    assert conv.status == "timeout"
    assert 'case "same_padding"' in conv.feedback
    assert schedule.status == "passed"  # a fresh worker took over


def test_worker_exit_inside_a_call_is_an_error_not_a_crash_of_the_grader(grader: Grader, tmp_path: Path) -> None:
    path = submission(tmp_path, cnn="""
        import os
        def conv_output_size(input_size, kernel_size, stride=1, padding=0, dilation=1):
            os._exit(0)
        """)
    result = only_conv(grader, path)
    assert result.status == "error" and result.score == 0
    assert "crashed the worker" in result.feedback and "exited with status 0" in result.feedback


def test_wrong_answers_get_partial_credit_and_the_smallest_failing_case(grader: Grader, tmp_path: Path) -> None:
    path = submission(tmp_path, cnn="""
        def conv_output_size(input_size, kernel_size, stride=1, padding=0, dilation=1):
            if min(input_size, kernel_size, stride, dilation) < 1 or padding < 0:
                raise ValueError("bad")
            if kernel_size > input_size + 2 * padding:
                raise ValueError("too big")
            return (input_size + 2 * padding - kernel_size) // stride + 1   # dilation forgotten
        """)
    result = only_conv(grader, path)
    assert result.status == "failed"
    assert 0 < result.score < result.max_score
    assert result.cases_passed < result.cases_total
    assert result.failures and result.failures[0].case == "dilation"
    assert "expected 3, got 9" in result.failures[0].message
    assert result.smallest_failing_case is not None
    assert "smallest failing case found" in result.feedback


def test_gru_smallest_failing_case_is_shrunk(grader: Grader, tmp_path: Path) -> None:
    wrong = (ROOT / "tests/variants/gru_step/wrong_update_convention_swapped.py").read_text()
    (result,) = grader.grade(submission(tmp_path, rnn=wrong), only=["gru_step"]).exercises
    assert result.status == "failed"
    smallest = result.smallest_failing_case
    failing_sizes = [f.params for f in result.failures]
    exercise = next(ex for ex in all_exercises() if ex.id == "gru_step")
    for name, lowest in exercise.shrink.items():
        if name in smallest.params and smallest.params[name] is not None:
            assert smallest.params[name] == lowest, (name, smallest.params, failing_sizes)


def test_same_seed_same_result_other_seed_other_cases(tmp_path: Path) -> None:
    wrong = (ROOT / "tests/variants/conv_output_size/wrong_ceil.py").read_text()
    path = submission(tmp_path, cnn=wrong)

    def grade(seed: int) -> dict:
        # conv_output_size is not timed: no reference worker to start
        with Grader(seed=seed, device="cpu", timing_enabled=False) as g:
            return unclocked(g.grade(path, only=["conv_output_size"]))

    first, second = grade(7), grade(7)
    assert first == second
    exercise = next(ex for ex in all_exercises() if ex.id == "conv_output_size")
    seven, eight = exercise.cases(7), exercise.cases(8)
    edge = len(exercise.edge_cases)
    assert [c.params for c in seven[:edge]] == [c.params for c in eight[:edge]]
    assert [c.params for c in seven[edge:]] != [c.params for c in eight[edge:]]


def test_result_json_has_the_designed_fields(grader: Grader, tmp_path: Path) -> None:
    result = grader.grade(ROOT / "exercises", only=["conv_output_size"])
    out = tmp_path / "r.json"
    result.write_json(out)
    data = json.loads(out.read_text())
    assert {"score", "max_score", "exercises", "seed", "device", "kit_version", "isolation"} <= set(data)
    (exercise,) = data["exercises"]
    assert {"id", "score", "max_score", "status", "feedback", "seconds"} <= set(exercise)
    assert 0 < exercise["seconds"] < 600  # what grading it took


def test_a_single_module_file_is_a_submission(grader: Grader) -> None:
    result = grader.grade(ROOT / "solutions" / "cnn.py", only=["conv_output_size", "gru_step"])
    assert [e.status for e in result.exercises] == ["passed", "missing"]


def test_a_file_that_is_not_utf8_is_reported(grader: Grader, tmp_path: Path) -> None:
    (tmp_path / "cnn.py").write_bytes(b"# caf\xe9\ndef conv_output_size(*a):\n    return 1\n")
    result = only_conv(grader, tmp_path)
    assert result.status == "error" and "cnn.py could not be read: UnicodeDecodeError" in result.feedback


def test_a_grader_computes_each_reference_once_however_many_it_grades(tmp_path: Path, monkeypatch) -> None:
    relu = next(ex for ex in all_exercises() if ex.id == "relu")
    computed: list[int] = []
    original = Grader.expected

    def counting(self, ex, inputs):
        computed.append(1)
        return original(self, ex, inputs)

    monkeypatch.setattr(Grader, "expected", counting)
    (tmp_path / "right").mkdir()
    right = submission(tmp_path / "right", basics="import torch\ndef relu(x):\n    return x.clamp(min=0)\n")
    stub = ROOT / "exercises" / "basics.py"
    with Grader(device="cpu", exercises=[relu], timing_enabled=False) as grader:
        (stopped,) = grader.grade(stub).exercises  # a stub stops at the first case: one reference
        assert stopped.status == "not_implemented" and len(computed) == 1
        first = grader.grade(right)
        assert len(computed) == len(relu.cases(0)) and first.exercises[0].status == "passed"
        assert unclocked(grader.grade(right)) == unclocked(first)  # the same result, no reference computed
        assert len(computed) == len(relu.cases(0))


def test_a_background_exercise_runs_on_a_second_worker_beside_the_others(tmp_path: Path, monkeypatch) -> None:
    """What ``background`` changes is where and when, never what: the results, their order, their language;
    and the second worker is frozen with the first while the reference is timed."""
    import dataclasses
    import threading

    from autograder.core import language
    from autograder.sandbox.launcher import WorkerProcess
    from autograder.specs import get

    wrong_relu = "import torch\n\n\ndef relu(x):\n    return x.abs()\n"
    source = (ROOT / "solutions" / "basics.py").read_text(encoding="utf-8") + "\n" + wrong_relu
    path = submission(tmp_path, basics=source, cnn=(ROOT / "solutions" / "cnn.py").read_text(encoding="utf-8"))
    exercises = [get("conv_output_size"), dataclasses.replace(get("relu"), background=True), get("sigmoid")]
    threads: dict[str, str] = {}
    frozen: list[int | None] = []
    clocked = Grader._clocked

    def watched(self, ex, *args):
        threads[ex.id] = threading.current_thread().name
        return clocked(self, ex, *args)

    with Grader(seed=0, device="cpu", exercises=exercises) as grader, language.speaking("fr"):
        # one at a time first: a background exercise graded alone, or the others alone, take no second worker
        one_by_one = [*grader.grade(path, only=["relu"]).exercises,
                      *grader.grade(path, only=["conv_output_size", "sigmoid"]).exercises]
        monkeypatch.setattr(Grader, "_clocked", watched)
        monkeypatch.setattr(WorkerProcess, "freeze", lambda worker: frozen.append(worker.pid))
        side_by_side = grader.grade(path).exercises
    assert threads["relu"].startswith("background-exercises")
    assert threads["conv_output_size"] == threads["sigmoid"] == threading.current_thread().name
    assert [e.id for e in side_by_side] == ["conv_output_size", "relu", "sigmoid"]

    def untimed(result) -> dict:  # what no two runs share: the seconds and the timing measurements
        return {k: v for k, v in dataclasses.asdict(result).items() if k not in ("seconds", "timing")}

    assert sorted(map(untimed, side_by_side), key=str) == sorted(map(untimed, one_by_one), key=str)
    relu = side_by_side[1]
    assert relu.status == "failed" and "cas" in relu.feedback  # French, as the request spoke
    assert len(set(frozen)) == 2  # the sigmoid's timing froze both workers, the relu's included


def test_a_refused_self_check_at_import_does_not_make_the_function_forbidden(tmp_path: Path) -> None:
    """What runs at import is not an answer: a notebook's self-check cell (nbgrader's test cells do this) that
    compares with PyTorch's own GRU cell is refused there, the cells after it run, and the function is graded
    on its own. A function that calls the operator is still forbidden."""
    import nbformat

    solved = (ROOT / "solutions" / "rnn.py").read_text()
    check = textwrap.dedent("""
        _cell = torch.nn.GRUCell(3, 4)
        _x, _h = torch.randn(2, 3), torch.randn(2, 4)
        with torch.no_grad():
            assert torch.allclose(gru_step(_x, _h, _cell.weight_ih, _cell.weight_hh, _cell.bias_ih, _cell.bias_hh),
                                  _cell(_x, _h), atol=1e-6)
        """)
    fused = "def gru_step(x, h, weight_ih, weight_hh, bias_ih=None, bias_hh=None):\n" \
            "    return torch.gru_cell(x, h, weight_ih, weight_hh, bias_ih, bias_hh)\n"
    for name, cells in (("notebook", [solved, check]), ("cheat", [solved, check, fused])):
        (tmp_path / name).mkdir()
        nbformat.write(nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(c) for c in cells]),
                       tmp_path / name / "rnn.ipynb")
    with Grader(seed=0, device="cpu", timing_enabled=False) as grader:
        graded = {name: grader.grade(tmp_path / name, only=["gru_step"]).exercises[0]
                  for name in ("notebook", "cheat")}
    assert graded["notebook"].status == "passed" and graded["notebook"].score == 10, graded["notebook"].feedback
    assert graded["cheat"].status == "forbidden" and graded["cheat"].score == 0, graded["cheat"].feedback
    assert "aten::gru_cell" in graded["cheat"].feedback


def _attack_then_honest(tmp_path: Path, attack: str, module: str, exercises: list[str]) -> tuple[list, list]:
    """tests/adversarial/<attack>.py as ``module``, then the key's ``module``, graded on ``exercises`` in one
    worker each, by one grader: the verdicts of both."""
    for name, source in (("attack", ROOT / "tests" / "adversarial" / f"{attack}.py"),
                         ("honest", ROOT / "solutions" / f"{module}.py")):
        (tmp_path / name).mkdir()
        shutil.copy(source, tmp_path / name / f"{module}.py")
    with Grader(seed=0, device="cpu", timing_enabled=False) as grader:
        return (grader.grade(tmp_path / "attack", only=exercises).exercises,
                grader.grade(tmp_path / "honest", only=exercises).exercises)


def test_a_dispatcher_replaced_at_import_does_not_disarm_the_next_exercise_s_guard(tmp_path: Path) -> None:
    """tests/adversarial/replaces_the_dispatcher.py, graded on two exercises of one module in one worker: the
    second one's guard is installed after the module ran; then an honest student, whose scores must not move."""
    attacked, kept = _attack_then_honest(tmp_path, "replaces_the_dispatcher", "rnn", ["gru_step", "lstm_step"])
    assert [(e.id, e.status, e.score) for e in attacked] == [("gru_step", "forbidden", 0),
                                                              ("lstm_step", "forbidden", 0)]
    assert [(e.status, e.score) for e in kept] == [("passed", 10), ("passed", 10)]


def test_an_implementation_hidden_behind_a_decoy_at_import_still_refuses_for_the_next_exercise(tmp_path: Path) -> None:
    """tests/adversarial/hides_an_implementation_behind_a_decoy.py: under linear_forward's guard, a thread keeps
    relu's Python implementation and leaves decoys where the guard of relu, held next, used to look; then an
    honest student, whose scores must not move."""
    attacked, kept = _attack_then_honest(tmp_path, "hides_an_implementation_behind_a_decoy", "basics",
                                         ["linear_forward", "relu"])
    assert [(e.id, e.status, e.score) for e in attacked] == [("linear_forward", "passed", 3),
                                                              ("relu", "forbidden", 0)]
    assert "aten::relu" in attacked[1].feedback
    assert [(e.status, e.score) for e in kept] == [("passed", 3), ("passed", 2)]


def test_a_module_nested_past_the_parser_is_reported_and_the_others_graded(grader: Grader, tmp_path: Path) -> None:
    """Code the parser gives up on is reported in the module's feedback, in the language in force, and not run;
    the submission's other modules are graded as usual (the command used to end with a traceback)."""
    (tmp_path / "cnn.py").write_text("def conv_output_size(*args):\n    return " + "-" * 20_000 + "1\n")
    shutil.copy(ROOT / "solutions" / "rnn.py", tmp_path / "rnn.py")
    result = grader.grade(tmp_path, only=["conv_output_size", "gru_step"])
    deep, honest = result.exercises
    assert (deep.status, deep.score) == ("error", 0) and "nests deeper than Python's parser goes" in deep.feedback
    assert (honest.status, honest.score) == ("passed", honest.max_score)
    with language.speaking("fr"):
        french = grader.grade(tmp_path, only=["conv_output_size"]).exercises[0].feedback
    assert "s'imbrique plus profondément" in french, french


def test_how_a_worker_ended_is_said_in_the_language_in_force(grader: Grader, tmp_path: Path) -> None:
    """The runner sends how a worker ended as codes; the grader words them (the runner, started with a
    worker's environment, spoke English in a French run: "... le processus ... : the worker exited")."""
    (tmp_path / "cnn.py").write_text("import os\n\ndef conv_output_size(*args, **kwargs):\n    os._exit(3)\n")
    with language.speaking("fr"):
        french = only_conv(grader, tmp_path)
    assert french.status == "error" and "le processus d'exécution s'est terminé avec le code 3" in french.feedback
    assert "worker" not in french.feedback, french.feedback
    english = only_conv(grader, tmp_path)
    assert "crashed the worker" in english.feedback and "the worker exited with status 3" in english.feedback


def test_a_decoder_gets_only_the_codes_in_a_worker_that_never_saw_the_images(grader: Grader, tmp_path: Path) -> None:
    """train_autoencoder's stages: the held-out images are encoded in a fresh worker and the codes decoded in
    another, so a decoder that returns the images its encoder kept (in the module: one process before) has
    none to return; and a training that returns another model than the one it was given is told so."""
    stash = (ROOT / "tests" / "adversarial" / "stashes_the_input.py").read_text(encoding="utf-8")
    (tmp_path / "stash").mkdir()
    (tmp_path / "other").mkdir()
    (result,) = grader.grade(submission(tmp_path / "stash", autoencoders=stash), only=["train_autoencoder"]).exercises
    assert (result.status, result.score) == ("failed", 0.0), result.feedback
    assert "held-out reconstruction error 0.19" in result.feedback
    other = (ROOT / "solutions" / "autoencoders.py").read_text(encoding="utf-8") + textwrap.dedent("""

        def train_autoencoder(model, images, epochs, lr):
            return build_autoencoder(2 * model.encoder[-1].out_features)
        """)
    (result,) = grader.grade(submission(tmp_path / "other", autoencoders=other), only=["train_autoencoder"]).exercises
    assert (result.status, result.score) == ("failed", 0.0), result.feedback
    assert "the trained weights do not fit the model build_autoencoder(16) builds" in result.feedback


def test_a_stage_s_worker_is_frozen_with_the_submission_s_and_joins_between_timed_batches(monkeypatch) -> None:
    """A stage runs in a fresh worker that is one of the submission's while it runs (so a timed reference
    batch freezes it with the others: a stage spinning in a background exercise cannot slow the reference),
    joins only while no batch holds them frozen, and is gone after."""
    import threading

    from autograder.core.submission import Submission
    from autograder.specs import get

    exercise = get("train_autoencoder")
    files = {"autoencoders.py": (ROOT / "tests" / "adversarial" / "stashes_the_input.py").read_text(encoding="utf-8")}
    root = Submission(files, "cpu")
    inputs = exercise.inputs(exercise.edge_cases[0].params, 0)
    during: list[tuple[int, list[int]]] = []
    call = Submission.call

    def watched(self, ex, *args):
        if self is not root:
            during.append((self.worker.pid, [w.pid for w in root.workers()]))
        return call(self, ex, *args)

    try:
        first = root.call(exercise, inputs)
        monkeypatch.setattr(Submission, "call", watched)
        last = root.staged(exercise, inputs, first)
        monkeypatch.undo()
        assert last.status.value == "returned" and "reconstructions" in last.value
        assert len(during) == 2 and all(pid in pids and root.worker.pid in pids for pid, pids in during)
        assert root.companions == [] and root.workers() == [root.worker]
        joined = threading.Event()
        with root.freezing:  # a timed batch: a companion waits for its end before it joins
            thread = threading.Thread(target=lambda: (root.release(root.companion()), joined.set()))
            thread.start()
            assert not joined.wait(0.5)
        assert joined.wait(30.0)
        thread.join()
    finally:
        root.close()
