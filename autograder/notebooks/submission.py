"""Notebooks handed in: a notebook counts as the module its code cells make (:mod:`autograder.notebooks.cells`)
and is graded exactly as that module would be; what went wrong in its cells is added to the feedback."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

from autograder.core.messages import say
from autograder.core.status import Reply, Status
from autograder.notebooks import cells

if TYPE_CHECKING:
    import nbformat

    from autograder.core.result import ExerciseResult

# ask for the notes only a worker that ran the module: never one the screen refused, nor one that hung on it
_WORKER_DID_NOT_FINISH = (Status.FORBIDDEN, Status.TIMEOUT)
_WORKER_RAN_IT = (Status.PASSED, Status.FAILED, Status.TOO_SLOW, Status.NOT_IMPLEMENTED, Status.MISSING)


def notebook_cells(notebook: nbformat.NotebookNode, name: str) -> list[tuple[str, str]]:
    """The code cells, labelled as a student finds them (``rnn.ipynb, cell 7``, counting every cell)."""
    found = []
    for index, cell in enumerate(notebook.get("cells", []), 1):
        source = cell.get("source", "") if isinstance(cell, dict) else ""
        if isinstance(cell, dict) and cell.get("cell_type") == "code":
            # a hand-edited notebook may keep its lines as a list, or worse: text either way
            found.append((f"{name}, cell {index}", "".join(map(str, source)) if isinstance(source, list)
                          else str(source)))
    return found


def notebook_module(data: bytes | str, name: str) -> str:
    """The module that the notebook ``name`` (its JSON text) makes; ``ValueError`` if it is not one."""
    text = data.decode("utf-8") if isinstance(data, bytes) else data
    try:
        notebook = json.loads(text)
    except ValueError as err:
        raise ValueError(f"not a Jupyter notebook ({type(err).__name__}: {err})") from None
    if not (isinstance(notebook, dict) and notebook.get("nbformat") == 4 and isinstance(notebook.get("cells"), list)):
        notebook = _converted(text)  # an older format (v3's worksheets), or not a notebook at all
    return cells.module_text(notebook_cells(notebook, name), name)


def _converted(text: str) -> nbformat.NotebookNode:
    """``text`` read by nbformat, converted to format 4. Only for what is not already format 4: importing
    nbformat costs seconds (jsonschema builds its format checkers' grammars), and reading format 4 needs none
    of it."""
    import nbformat

    try:
        return nbformat.reads(text, as_version=4)
    except Exception as err:  # nbformat raises several kinds for JSON that is not a notebook
        raise ValueError(f"not a Jupyter notebook ({type(err).__name__}: {err})") from None


def submission_modules(files: dict[str, bytes]) -> tuple[dict[str, str], dict[str, str]]:
    """The modules of a submission's files (``.py`` and ``.ipynb``, by file name) as text, keyed
    ``<module>.py``, and the modules that could not be read, with why.

    Where a module comes both ways (``rnn.py`` and ``rnn.ipynb``, as a release hands them out), the one
    with code in it is graded; if both have code, the notebook, and the feedback says so.
    """
    texts: dict[str, str] = {}
    unreadable: dict[str, str] = {}
    notebooks: dict[str, str] = {}
    for name, data in files.items():
        stem = Path(name).stem
        try:
            if name.endswith(".ipynb"):
                notebooks[stem] = notebook_module(data, name)
            else:
                texts[name] = data.decode("utf-8")
        except (UnicodeDecodeError, ValueError) as err:
            unreadable[stem] = f"{type(err).__name__}: {err}"
    for stem, text in notebooks.items():
        plain = texts.get(f"{stem}.py")
        if plain is not None and not cells.untouched(plain):
            if cells.untouched(text):
                continue
            # a line outside every statement: the worker reports it as a note on this module
            text += f"\n# %% [{stem}.py] not run: {say('notebook_and_module', module=stem)}\n"
        texts[f"{stem}.py"] = text
        unreadable.pop(stem, None)
    return texts, unreadable


def add_cell_reports(results: list[ExerciseResult], files: dict[str, str], submission: Any) -> None:
    """Append what went wrong in a notebook's cells (one that raised, one not run) to the feedback of that
    module's exercises. The notes come from the worker, which ran the cells; they change no score."""
    # imported here: the rest of this module serves the coordinator of grade-all, which never imports PyTorch
    from autograder.sandbox import protocol

    for name, text in files.items():
        if not cells.is_notebook_module(text):
            continue
        module = Path(name).stem
        mine = [r for r in results if r.module == module]
        if not mine or any(r.status in _WORKER_DID_NOT_FINISH for r in mine) or not any(
                r.status in _WORKER_RAN_IT for r in mine):
            continue
        header = {"op": "call", "device": "cpu", "target": {"module": module, "function": cells.REPORT_FUNCTION},
                  "args": protocol.encode({}, {}), "forbidden": []}
        try:
            reply = protocol.CallReply.read(*submission.request(header, {}, 10.0))
        except Exception:  # a worker that dies or hangs here only costs the notes
            continue
        notes = reply.value if reply.status is Reply.RETURNED else None
        if not isinstance(notes, list):
            continue
        lines = [say("notebook_note", note=" ".join(str(note).split())[:400]) for note in notes[:10]]
        for result in mine:
            if lines:
                result.feedback = "\n".join([result.feedback, *lines])
