"""Similar submissions: a copy renamed and reformatted is flagged; two independent correct solutions, and
students who left the stub alone, are not. Submissions are real folders and archives (the gradebook's
``source``), their results made by hand: nothing is graded."""

from __future__ import annotations

import csv
import io
import re
import zipfile
from pathlib import Path

from autograder.batch import exports, similarity
from autograder.batch.discovery import read_entry
from autograder.batch.gradebook import Record
from autograder.core.result import ExerciseResult, SubmissionResult
from autograder.specs import all_exercises

VARIANTS = Path(__file__).resolve().parents[1] / "variants" / "gru_step"
STUB = Path(__file__).resolve().parents[2] / "exercises" / "rnn.py"
EXERCISES = [ex for ex in all_exercises() if ex.id in ("gru_step", "rnn_step")]
ORIGINAL = (VARIANTS / "correct_einsum.py").read_text(encoding="utf-8")
FORMULA_ID = '=HYPERLINK("http://x","copy")'


def disguised(source: str) -> str:
    """``source`` as a student who copied it would hand it in: every local name changed, comments and a
    docstring of their own, another layout."""
    names = {"unbatched": "single", "hidden": "size_h", "gx": "input_part", "gh": "hidden_part", "out": "result",
             "r": "reset", "z": "update", "n": "cand"}
    for old, new in names.items():
        source = re.sub(rf"\b{old}\b", new, source)
    source = source.replace('"""Gate', '"""My own GRU step.\n\nGate')
    source = source.replace("    return", "    # done: blend the candidate and the old state\n    return")
    return source.replace(" = ", "  =  ").replace(", ", " , ").replace("import torch", "import torch  # tensors")


def _record(student: str, source: Path, status: str = "passed") -> Record:
    exercises = [ExerciseResult("gru_step", "rnn", 10 if status == "passed" else 0, 10, status, status),
                 ExerciseResult("rnn_step", "rnn", 0, 5, "not_implemented", "stub")]
    result = SubmissionResult(student, "secret", "cpu", exercises, "0.1.0", "process")
    return Record(student, "graded", source=str(source), content_hash=read_entry(source).content_hash, result=result)


def _class(root: Path) -> list[Record]:
    def folder(student: str, text: str) -> Path:
        (root / student).mkdir()
        (root / student / "rnn.py").write_text(text, encoding="utf-8")
        return root / student

    root.mkdir(parents=True)
    with zipfile.ZipFile(root / "zed.zip", "w") as archive:  # the copy, as an archive an LMS exports
        archive.writestr("zed/rnn.py", disguised(ORIGINAL))
    return [
        _record("ada", folder("ada", ORIGINAL)),
        _record("grace", folder("grace", (VARIANTS / "correct_per_gate_lerp.py").read_text(encoding="utf-8"))),
        _record("linus", folder("linus", (VARIANTS / "correct_numpy.py").read_text(encoding="utf-8"))),
        _record("zed", root / "zed.zip"),
        _record(FORMULA_ID, folder("formula", disguised(ORIGINAL))),
        # two students who left the stub: identical, and nothing to flag
        _record("stub1", folder("stub1", STUB.read_text(encoding="utf-8")), "not_implemented"),
        _record("stub2", folder("stub2", STUB.read_text(encoding="utf-8")), "not_implemented"),
    ]


def test_a_disguised_copy_is_flagged_and_independent_solutions_are_not(tmp_path: Path) -> None:
    records = _class(tmp_path / "class")
    pairs = similarity.find_pairs(records, EXERCISES)
    found = {(p.student_a, p.student_b): p.score for p in pairs}
    assert set(found) == {("ada", "zed"), (FORMULA_ID, "ada"), (FORMULA_ID, "zed")}, found
    assert all(score >= similarity.THRESHOLD for score in found.values())
    # the independent correct solutions are compared, and score well under the threshold
    scores = {(p.student_a, p.student_b): p.score for p in similarity.find_pairs(records, EXERCISES, threshold=0)}
    assert scores.get(("ada", "grace"), 0) < 0.6 and scores.get(("ada", "linus"), 0) < 0.6
    assert not any("stub" in a + b for a, b in scores)
    pair = next(p for p in pairs if p.student_b == "zed")
    assert "torch.einsum" in pair.code_a and "# done: blend" in pair.code_b  # each as the student wrote it


def test_a_student_whose_files_changed_since_grading_is_left_out(tmp_path: Path) -> None:
    records = _class(tmp_path / "class")
    (tmp_path / "class" / "ada" / "rnn.py").write_text(ORIGINAL + "\n# edited after grading\n", encoding="utf-8")
    pairs = similarity.find_pairs(records, EXERCISES)
    assert {(p.student_a, p.student_b) for p in pairs} == {(FORMULA_ID, "zed")}


def test_functions_read_as_each_grade_came_are_those_compared_and_the_files_are_not_read_again(tmp_path: Path
                                                                                                ) -> None:
    """grade-all reads each student's functions from the files it just graded, as the grade is recorded: the
    pairs are those read from the students' folders, and they hold when the folders are gone (or edited)
    since; a student graded in an earlier run, whom the run did not prepare, is read from the folder."""
    import shutil

    records = _class(tmp_path / "class")
    expected = similarity.find_pairs(records, EXERCISES, threshold=0)
    prepared = similarity.Prepared(EXERCISES)
    for record in records:
        if record.student_id != "ada":
            prepared.add(record, read_entry(Path(record.source)).files)
    (tmp_path / "class" / "zed.zip").unlink()
    (tmp_path / "class" / "grace" / "rnn.py").write_text(ORIGINAL, encoding="utf-8")  # edited after grading
    assert similarity.find_pairs(records, EXERCISES, threshold=0, prepared=prepared) == expected
    shutil.rmtree(tmp_path / "class" / "ada")  # the one not prepared is then left out
    left = similarity.find_pairs(records, EXERCISES, threshold=0, prepared=prepared)
    assert left == [p for p in expected if "ada" not in (p.student_a, p.student_b)] and len(left) < len(expected)


def test_code_nested_past_the_parser_leaves_its_student_out_and_stops_nothing(tmp_path: Path) -> None:
    """A function of 30,000 additions (deeper than the parser's recursion) is left out of the search, read as
    each grade comes or at the end, and the class's pairs are the same; nothing raises."""
    records = _class(tmp_path / "class")
    expected = similarity.find_pairs(records, EXERCISES)
    (tmp_path / "deep").mkdir()
    (tmp_path / "deep" / "rnn.py").write_text("def gru_step(x):\n    return x" + " + x" * 30_000 + "\n")
    deep = _record("deep", tmp_path / "deep")
    prepared = similarity.Prepared(EXERCISES)
    prepared.add(deep, read_entry(tmp_path / "deep").files)
    assert not prepared.codes(deep)  # read, and nothing found in it
    assert similarity.find_pairs([*records, deep], EXERCISES) == expected
    assert similarity.find_pairs([*records, deep], EXERCISES, prepared=prepared) == expected


def test_the_csv_and_the_report_hold_the_pairs(tmp_path: Path) -> None:
    records = _class(tmp_path / "class")
    written = exports.write_all(tmp_path / "out", records, EXERCISES)
    rows = list(csv.reader(io.StringIO(written["similarity"].read_text(encoding="utf-8"))))
    assert rows[0] == ["exercise", "student_a", "student_b", "score"] and len(rows) == 4
    assert {tuple(row[:3]) for row in rows[1:]} == {("gru_step", "ada", "zed"), ("gru_step", "'" + FORMULA_ID, "ada"),
                                                    ("gru_step", "'" + FORMULA_ID, "zed")}
    assert all(similarity.THRESHOLD <= float(row[3]) <= 1 for row in rows[1:])
    assert all(not cell.startswith(("=", "+", "-", "@")) for row in rows for cell in row)  # the id through csv_cell
    page = written["report"].read_text(encoding="utf-8")
    # the three handed in the same code: one group, its first student's code once (the formula id sorts first)
    assert "Similar submissions" in page and page.count('<div class="pair">') == 0
    assert "3 students handed in the same code" in page and page.count("# done: blend the candidate") == 1


def test_a_function_is_quoted_as_written_whatever_its_line_ends_and_characters() -> None:
    """The code a pair's report shows is the student's function exactly as ``ast.get_source_segment`` gives it,
    from the module's lines split once: Windows and old Mac line ends, form feeds and vertical tabs inside a
    line (where ``str.splitlines`` would cut), characters of several bytes before and after it."""
    import ast

    sources = [
        "import torch\n\n\ndef f(x):\n    '''é'''\n    return x + 1\n",
        "x = 1\r\ndef f(x):\r\n    y = 'a\x0cb\x0bc'  # é\r\n    return y\r\n\r\nz = 2",
        "def g():\r    pass\rdef f(a, b):\r    return (a,\r            b)  # ∑\r",
        "\x0c\ndef f(x): return 'ü' * x",
        "class A:\n    pass\n@staticmethod\ndef f(x):\n    return x\n\ndef f(y):\n    return y\n",
    ]
    for text in sources:
        module = similarity._parsed(text)
        assert module is not None
        node = similarity._function_node(module.tree, "f")
        assert node is not None
        code = similarity._function_code("s", module, "f")
        assert code is not None and code.original == ast.get_source_segment(text, node), repr(text)
        assert code.original.startswith("def f(") and code.original.rstrip().endswith(("1", "y", "b)", "x"))
