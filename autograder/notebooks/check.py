"""``check("gru_step")`` inside a notebook: grade the function as the running kernel defines it.

What the exercise needs of the kernel's executed cells (IPython's input history, magics and shell escapes
left out) becomes the module that the grader loads: the statements that define its function and, found by
static analysis, what that function reads (helpers, constants, imports), not a cell that trains a model or
plots (:func:`autograder.notebooks.cells.needed_cells`). Grading happens in the warm grading service
(:mod:`autograder.service`), which forks an isolated worker for it, or without the service in a fresh
``autograder grade`` process; never in the kernel: a cell that patches PyTorch or the autograder in the
kernel changes nothing that is graded. The kernel only shows the result, as an HTML table in Jupyter and
as plain text elsewhere. Nothing here imports PyTorch into the kernel.

Outside IPython, ``check`` grades the script that calls it. A function that is still the untouched stub
is answered at once ("not implemented"), without starting a grader.
"""

from __future__ import annotations

import html
import json
import os
import re
import string
import subprocess
import sys
import tempfile
import textwrap
from pathlib import Path
from types import SimpleNamespace
from typing import Any

from autograder.core.language import translate
from autograder.core.messages import MESSAGES, say, shown_status
from autograder.core.status import Status
from autograder.notebooks import cells

PACKAGE_PARENT = Path(__file__).resolve().parents[2]
# the grader process: the kit's package from its own folder, whatever the kernel did to sys.path
_BOOT = "import sys; sys.path.insert(0, sys.argv[1]); from autograder.cli import command; command(sys.argv[2:])"
_PASSED_THROUGH = ("PATH", "HOME", "LANG", "LC_ALL", "TMPDIR", "CUDA_VISIBLE_DEVICES", "LD_LIBRARY_PATH")
GRADE_TIMEOUT = 900.0
_UNFINISHED = (Status.NOT_IMPLEMENTED, Status.TOO_SLOW, Status.MISSING)  # shown in amber, not red


def check(exercise: str, seed: int = 0, device: str = "auto", timing: bool = True,
          service: bool = True) -> Feedback:
    """Grade ``exercise`` as this kernel (or this script) defines it; returns the feedback, which shows
    itself as a table in a notebook. ``check(...).award()`` also returns the points (for nbgrader).

    ``service=False`` grades as final grading does (nbgrader's test cells use it): every executed cell, in
    a fresh ``autograder grade`` process, without the warm service."""
    from autograder.listing import get

    spec = SimpleNamespace(**get(exercise))
    try:
        sources, origin = _kernel_cells()
        text = cells.module_text(cells.needed_cells(sources, spec.needs) if service else sources, origin)
    except (LookupError, ValueError, OSError) as err:
        return Feedback.problem(spec, str(err))
    if cells.still_stub(text, spec.function):
        return Feedback(_exercise(spec, Status.NOT_IMPLEMENTED, say("not_implemented", function=spec.function,
                                                                   module=spec.module)))
    if service:
        exercise_result = _grade_with_service(spec, text, seed, device, timing)
        if exercise_result is not None:
            return Feedback(exercise_result)
    return Feedback(_grade(spec, text, seed, device, timing))


def _grade_with_service(spec: Any, text: str, seed: int, device: str, timing: bool) -> dict | None:
    """The exercise's result from the warm service, or ``None`` when it cannot be used here."""
    from autograder.service import usable_client

    client = usable_client()
    if client is None:
        return None
    try:
        result = client.check(device, seed, timing, [spec.id], files={f"{spec.module}.py": text})
    except client.ServiceUnavailable:
        return None
    except (KeyError, ValueError, FileNotFoundError) as err:
        return _exercise(spec, Status.ERROR, say("check_failed_to_run", detail=err))
    found = [e for e in result.get("exercises", []) if e.get("id") == spec.id]
    return found[0] if len(found) == 1 else None


def _kernel_cells() -> tuple[list[tuple[str, str]], str]:
    """The cells this kernel has executed, in order (re-runs included: the last definition wins, as in the
    kernel), or the calling script as one cell."""
    ipython = sys.modules.get("IPython")
    shell = ipython.get_ipython() if ipython is not None else None
    if shell is not None and getattr(shell, "history_manager", None) is not None:
        history = shell.history_manager.input_hist_raw
        return [(f"Cell In[{n}]", source) for n, source in enumerate(history) if n and source.strip()], \
            "this notebook's executed cells"
    main = sys.modules.get("__main__")
    script = getattr(main, "__file__", None)
    if script and Path(script).suffix == ".py":
        return [(Path(script).name, Path(script).read_text(encoding="utf-8"))], Path(script).name
    raise LookupError(say("check_outside_kernel"))


def _grade(spec: Any, text: str, seed: int, device: str, timing: bool) -> dict:
    env = {name: os.environ[name] for name in _PASSED_THROUGH if name in os.environ}
    env.update({name: value for name, value in os.environ.items() if name.startswith("AUTOGRADER_")})
    with tempfile.TemporaryDirectory(prefix="autograder-check-") as folder:
        module = Path(folder) / f"{spec.module}.py"
        module.write_text(text, encoding="utf-8")
        result_path = Path(folder) / "result.json"
        command = [sys.executable, "-I", "-c", _BOOT, str(PACKAGE_PARENT), "grade", str(module), "--json",
                   str(result_path), "--only", spec.id, "--seed", str(seed), "--device", device]
        if not timing:
            command.append("--no-timing")
        try:
            done = subprocess.run(command, capture_output=True, text=True, env=env, cwd=folder,
                                  timeout=GRADE_TIMEOUT, stdin=subprocess.DEVNULL)
        except (OSError, subprocess.TimeoutExpired) as err:
            return _exercise(spec, Status.ERROR, say("check_failed_to_run", detail=err))
        try:
            result = json.loads(result_path.read_text(encoding="utf-8"))
            (exercise,) = [e for e in result["exercises"] if e["id"] == spec.id]
        except (OSError, ValueError, KeyError) as err:
            tail = (done.stdout + done.stderr).strip()[-1500:]
            return _exercise(spec, Status.ERROR, say("check_failed_to_run", detail=f"{err}\n{tail}"))
    return exercise


def _exercise(spec: Any, status: str, feedback: str) -> dict:
    return {"id": spec.id, "module": spec.module, "score": 0.0, "max_score": spec.points, "status": status,
            "feedback": feedback, "failures": [], "smallest_failing_case": None}


class Points(float):
    """The points, as nbgrader reads them from a cell's value (a plain number), shown politely."""

    max_score: float = 0.0

    def _repr_html_(self) -> str:
        return f"<b>{float(self):g}</b> / {self.max_score:g} points"


class Feedback:
    """One exercise's result, for a person: an HTML table in Jupyter, plain text elsewhere."""

    def __init__(self, exercise: dict) -> None:
        self.exercise = exercise

    @classmethod
    def problem(cls, spec: Any, message: str) -> Feedback:
        return cls(_exercise(spec, Status.ERROR, message))

    @property
    def score(self) -> float:
        return float(self.exercise["score"])

    @property
    def max_score(self) -> float:
        return float(self.exercise["max_score"])

    @property
    def status(self) -> str:
        return self.exercise["status"]

    def award(self) -> Points:
        """Show the feedback and return the points: the value of an nbgrader test cell."""
        try:
            from IPython.display import display

            display(self)
        except ImportError:
            print(self)
        points = Points(self.score)
        points.max_score = self.max_score
        return points

    # -- plain text ---------------------------------------------------------------------------------
    def __repr__(self) -> str:
        e = self.exercise
        lines = e["feedback"].splitlines() or [""]
        text = [f"{e['id']}  {e['score']:g}/{e['max_score']:g}  {shown_status(e['status'])}  {lines[0]}"]
        text += [f"  {line}" for line in lines[1:]]
        shown = e.get("smallest_failing_case") or (e["failures"][0] if e.get("failures") else None)
        if shown and shown.get("traceback"):
            text.append(f"  {say('view_raised')}")
            text += [f"    {line}" for line in shown["traceback"].rstrip().splitlines()]
        return "\n".join(text)

    __str__ = __repr__

    # -- HTML ---------------------------------------------------------------------------------------
    def _repr_html_(self) -> str:
        e = self.exercise
        passed = e["status"] == Status.PASSED
        colour = "#1a7f37" if passed else ("#9a6700" if e["status"] in _UNFINISHED else "#cf222e")
        lines = e["feedback"].splitlines() or [""]
        parts = [f'<div class="autograder-feedback"><p><b><code>{_h(e["id"])}</code></b> '
                 f'<span style="color:{colour};font-weight:bold">{e["score"]:g}/{e["max_score"]:g} '
                 f'{_h(shown_status(e["status"]))}</span> &mdash; {_h(lines[0])}</p>']
        rows = [(f, "") for f in e.get("failures") or []]
        smallest = e.get("smallest_failing_case")
        if smallest and all(smallest != f for f, _ in rows):
            rows.append((smallest, say("view_smallest")))
        elif smallest:
            rows = [(f, say("view_smallest") if f == smallest else note) for f, note in rows]
        if rows:
            parts.append("<table><thead><tr>" + "".join(f"<th>{_h(say(f'view_{name}'))}</th>" for name in (
                "case", "parameters", "expected", "got", "differs")) + "</tr></thead><tbody>")
            for failure, note in rows:
                expected, got = _expected_got(failure["message"])
                params = ", ".join(f"{k}={v}" for k, v in failure.get("params", {}).items())
                case = _h(failure["case"]) + (f"<br><i>{_h(note)}</i>" if note else "")
                if failure.get("rebuild"):  # ready to copy into a cell: it reruns the case
                    case += f"<br><code>{_h(failure['rebuild'])}</code>"
                differs = _h(failure["message"])
                if failure.get("values"):  # small tensors, written out: inputs, expected, got
                    differs += f"<pre>{_h(textwrap.dedent(failure['values']))}</pre>"
                parts.append(f"<tr><td>{case}</td><td><code>{_h(params)}</code></td><td><code>{_h(expected)}"
                             f"</code></td><td><code>{_h(got)}</code></td><td>{differs}</td></tr>")
            parts.append("</tbody></table>")
        in_table = {line for f, _ in rows for line in (f.get("values") or "").splitlines()}
        rerun = say("rebuild", call="").strip()
        in_rows = (_prefix("case_line", case="", params="", message=""), _prefix("smallest", case_line=""))
        others = [line for line in lines[1:] if not line.startswith(in_rows)
                  and not line.strip().startswith(rerun) and line not in in_table]
        if others:
            parts.append("<ul>" + "".join(f"<li>{_h(line)}</li>" for line in others) + "</ul>")
        shown = smallest or (e["failures"][0] if e.get("failures") else None)
        if shown and shown.get("traceback"):
            parts.append(f"<details><summary>{_h(say('view_raised').rstrip(': '))}</summary>"
                         f"<pre>{_h(shown['traceback'])}</pre></details>")
        parts.append("</div>")
        return "".join(parts)


def _prefix(key: str, **fields: str) -> str:
    """How the catalogue's sentence ``key`` begins, in the language in force, up to its first field."""
    marker = "\x00"
    return say(key, **{name: marker for name in fields}).split(marker)[0]


def _expected_got(message: str) -> tuple[str, str]:
    """The expected and the returned value a comparison's sentence names, in the language in force."""
    for key, got in (("wrong_type", "got"), ("raised_instead", "type")):  # "expected {expected}, got {got}"...
        match = re.search(_pattern(translate(key, MESSAGES[key]), got), message)
        if match:
            return match["expected"].strip(), match["got"].strip()
    return "", ""


def _pattern(template: str, got: str) -> str:
    """A regular expression for ``template``'s sentence up to its field ``got``, which it names ``got``."""
    pattern = ""
    for literal, field, _, _ in string.Formatter().parse(template):
        pattern += re.escape(literal)
        if field in ("expected", got):
            pattern += f"(?P<{'got' if field == got else field}>.+?)"
        if field == got:
            return pattern + r"(?=[;:]|$)"
    return pattern


def _h(text: Any) -> str:
    return html.escape(str(text))
