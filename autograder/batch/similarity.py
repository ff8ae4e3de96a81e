"""Similar submissions: per exercise, the pairs of students whose code is nearly identical once comments,
names and layout are set aside, and the stub's own code ignored.

The detection is copydetect's (a winnowing detector in the manner of MOSS: k-grams of the token stream,
names written as ``V``/``F``, strings as ``S``, winnowed fingerprints compared). This module only feeds it:
each student's function for the exercise, taken with :mod:`ast` from the submission files the gradebook
recorded (``source``: the student's folder or archive, read again as discovery reads it, and only while
their content is still what was graded), its docstring removed and written back by ``ast.unparse`` (no
comments, one layout); and the stub's function as boilerplate, so that the signature every student was
given counts for nothing.

A pair's score is the smaller of the two shares of each function's fingerprints found in the other (1: the
same code); pairs from :data:`THRESHOLD` are reported. A function shorter than :data:`MIN_TOKENS` tokens (a
one-line answer, which every correct student writes alike) is not compared. A similar pair is a reason to
look, not a verdict.
"""

from __future__ import annotations

import ast
import copy
import csv
import io
import itertools
import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from autograder.core import syntax
from autograder.render.safe_text import csv_cell

if TYPE_CHECKING:
    from autograder.batch.gradebook import Record
    from autograder.batch.listed import Described

FILE_NAME = "similarity.csv"
THRESHOLD = 0.9  # the project's independent correct solutions (tests/variants/) score 0.53 at most
NOISE = 25  # k: the length of the k-grams of normalised tokens (copydetect's default noise threshold)
MIN_TOKENS = 60  # fewer fingerprinted tokens than this, after the stub's: too short to tell copying apart


@dataclass(frozen=True)
class Pair:
    exercise: str
    student_a: str
    student_b: str
    score: float
    code_a: str  # each student's function as they wrote it, for the report
    code_b: str


@dataclass(frozen=True)
class _Code:
    student: str
    original: str
    normalised: str


def find_pairs(records: Sequence[Record], exercises: Sequence[Described], threshold: float = THRESHOLD,
               prepared: Prepared | None = None) -> list[Pair]:
    """Every pair of students whose function for an exercise scores ``threshold`` or more, by exercise (in
    the course's order) and then by score, highest first. A student's functions come from ``prepared`` where
    it read them from what was graded, from the student's ``source`` otherwise."""
    by_student: dict[str, dict[str, _Code]] = {}
    for record in records:
        found = prepared.codes(record) if prepared is not None else None
        if found is None and record.graded and (texts := submission_modules(record)) is not None:
            found = _student_codes(record, texts, exercises)
        if found is not None:
            by_student[record.student_id] = found
    pairs: list[Pair] = []
    for ex in exercises:
        codes = [code for _, found in sorted(by_student.items()) if (code := found.get(ex.id)) is not None]
        similar = [p for p in _compare(ex.id, codes, stub_code(ex)) if p.score >= threshold]
        pairs += sorted(similar, key=lambda p: (-p.score, p.student_a, p.student_b))
    return pairs


class Prepared:
    """Each student's functions, read from the files just graded as each grade is recorded (grade-all does it
    while its grading processes work on the next submissions): at the end only the comparisons are left."""

    def __init__(self, exercises: Sequence[Described]) -> None:
        self.exercises = list(exercises)
        self._codes: dict[tuple[str, str], dict[str, _Code]] = {}

    def add(self, record: Record, files: dict[str, bytes]) -> None:
        """``record``'s functions, from ``files`` (what was graded; a record not graded has none)."""
        from autograder.notebooks.submission import submission_modules as modules

        if not record.graded or not files:
            return
        try:
            codes = _student_codes(record, modules(files)[0], self.exercises)
        except Exception:  # a student's files never stop the class's grading: read again (or left out) at the end
            return
        self._codes[(record.student_id, record.content_hash)] = codes

    def codes(self, record: Record) -> dict[str, _Code] | None:
        return self._codes.get((record.student_id, record.content_hash)) if record.graded else None


def _student_codes(record: Record, texts: dict[str, str], exercises: Sequence[Described]) -> dict[str, _Code]:
    """The functions of the exercises ``record`` attempted, by exercise; each module parsed once for all its
    exercises, and its tree let go before the next (a class's trees kept at once cost more in the collector's
    walks than parsing them again)."""
    by_module: dict[str, list[Described]] = defaultdict(list)
    for ex in exercises:
        if _attempted(record, ex.id):
            by_module[ex.module].append(ex)
    codes = {}
    for module_name, module_exercises in by_module.items():
        module = _parsed(texts.get(f"{module_name}.py"))
        for ex in module_exercises:
            if (code := _function_code(record.student_id, module, ex.function)) is not None:
                codes[ex.id] = code
    return codes


def _attempted(record: Record, exercise: str) -> bool:
    from autograder.batch.exports import attempted

    result = record.graded_result
    return result is not None and any(e.id == exercise and attempted(e) for e in result.exercises)


def submission_modules(record: Record) -> dict[str, str] | None:
    """The record's modules as text (``<module>.py``, a notebook as the module its cells make), read from
    its ``source`` again; ``None`` where it is gone or no longer holds what was graded."""
    from autograder.batch.discovery import read_entry
    from autograder.notebooks.submission import submission_modules as modules

    source = Path(record.source)
    if not record.source or not source.exists():
        return None
    entry = read_entry(source)
    if entry.content_hash != record.content_hash or not entry.files:
        return None
    return modules(entry.files)[0]


@dataclass(frozen=True)
class _Module:
    tree: ast.Module
    lines: list[str]  # with their ends, split where the parser splits them


# a line ends at \n, \r\n or \r, as the parser reads it (str.splitlines also splits at \f, \v and others)
_LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+")


def _parsed(text: str | None) -> _Module | None:
    if not text:
        return None
    try:
        return _Module(syntax.parse(text), _LINE.findall(text))
    except (SyntaxError, ValueError, *syntax.TOO_DEEP):  # nested past the parser's recursion too
        return None


def _function_code(student: str, module: _Module | None, function: str) -> _Code | None:
    """The student's top-level ``def function``: as written, and normalised (no docstring, ``ast.unparse``'s
    layout, no comments)."""
    if module is None or (node := _function_node(module.tree, function)) is None:
        return None
    try:
        return _Code(student, _segment(module.lines, node), _normalised(node))
    except syntax.TOO_DEEP:  # nested deeper than ast.unparse goes: left out, as code that does not parse
        return None


def _function_node(tree: ast.Module, function: str) -> ast.FunctionDef | None:
    found = [n for n in tree.body if isinstance(n, ast.FunctionDef) and n.name == function]
    return found[-1] if found else None  # the last def is the one Python keeps


def _segment(lines: list[str], node: ast.FunctionDef) -> str:
    """``ast.get_source_segment``, from lines split once (it splits the whole source at every call, a
    character at a time: a second a class)."""
    first, last = node.lineno - 1, (node.end_lineno or node.lineno) - 1
    start, end = node.col_offset, node.end_col_offset
    if first == last:
        return lines[first].encode()[start:end].decode()
    head = lines[first].encode()[start:].decode()
    tail = lines[last].encode()[:end].decode()
    return head + "".join(lines[first + 1:last]) + tail


def _normalised(node: ast.FunctionDef) -> str:
    body = node.body[1:] if ast.get_docstring(node) is not None else node.body
    bare = copy.copy(node)  # the student's tree is left as it is
    bare.body, bare.decorator_list, bare.returns = body or [ast.Pass()], [], None
    return ast.unparse(bare)


def stub_code(ex: Described) -> str:
    """The stub of ``ex`` as handed out (``exercises/<module>.py``), normalised; empty where there is none."""
    from autograder.notebooks.generate import EXERCISES

    path = EXERCISES / f"{ex.module}.py"
    module = _parsed(path.read_text(encoding="utf-8") if path.is_file() else None)
    node = _function_node(module.tree, ex.function) if module is not None else None
    return _normalised(node) if node is not None else ""


def _compare(exercise: str, codes: list[_Code], stub: str) -> list[Pair]:
    """Each pair that shares a fingerprint, with its score (pairs that share none score 0). Students who wrote
    the same code (once normalised) share its fingerprint and its comparisons: a class's copies cost one
    comparison, not one per pair of students (96 students of the same three answers: 17 s -> 0.1 s)."""
    if len(codes) < 2:
        return []
    from copydetect import compare_files

    boilerplate = sorted(_fingerprint(stub, []).hashes) if stub else []  # copydetect wants a sequence
    writers: dict[str, list[str]] = defaultdict(list)  # a normalised code, and who wrote it
    for code in codes:
        writers[code.normalised].append(code.student)
    prints = {text: _fingerprint(text, boilerplate) for text in writers}
    prints = {text: fp for text, fp in prints.items() if fp.token_coverage >= MIN_TOKENS}
    owners: dict[int, set[str]] = defaultdict(set)
    for text, fp in prints.items():
        for value in fp.hashes:
            owners[int(value)].add(text)
    candidates = {pair for group in owners.values() for pair in itertools.combinations(sorted(group), 2)}
    candidates |= {(text, text) for text, fp in prints.items() if len(writers[text]) > 1 and len(fp.hashes)}
    by_student = {c.student: c for c in codes}
    pairs = []
    for x, y in sorted(candidates):
        _, (share_x, share_y), _ = compare_files(prints[x], prints[y])
        score = round(float(min(share_x, share_y)), 3)
        students = itertools.combinations(writers[x], 2) if x == y else itertools.product(writers[x], writers[y])
        for a, b in (sorted(pair) for pair in students):
            pairs.append(Pair(exercise, a, b, score, by_student[a].original, by_student[b].original))
    return pairs


def _fingerprint(code: str, boilerplate: Any) -> Any:
    """copydetect's fingerprint of ``code`` (read as Python), without the ``boilerplate`` hashes."""
    from copydetect import CodeFingerprint  # imported here: it imports matplotlib's pyplot, for its own report

    # the language named: found by the file's name, pygments reads every installed package's entry points
    # at each call (80 ms)
    return CodeFingerprint("function.py", NOISE, 1, boilerplate=boilerplate, language="python",
                           fp=io.StringIO(code))


def similarity_csv(pairs: Sequence[Pair]) -> str:
    """``exercise``, ``student_a``, ``student_b``, ``score``: one row per pair; text cells through
    :func:`csv_cell` (an id may begin with ``=``)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(["exercise", "student_a", "student_b", "score"])
    for pair in pairs:
        writer.writerow([csv_cell(pair.exercise), csv_cell(pair.student_a), csv_cell(pair.student_b),
                         f"{pair.score:.3f}"])
    return buffer.getvalue()
