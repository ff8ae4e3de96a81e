"""Validators of the exports of a graded class, against their formats' contracts: Gradescope's results.json,
the grades CSV and the JUnit XML. ``tests/batch/test_exports.py`` runs them on hand-made records,
``tests/batch/test_bulk.py`` on the exports of a really graded class."""

from __future__ import annotations

import csv
import io
import json
import xml.etree.ElementTree as ET

import pytest

from autograder.batch.gradebook import Record
from autograder.render.safe_text import csv_cell, xml

# Gradescope's results.json contract (REFERENCES.md): field -> (types, required); "one of" sets for enums
_NUMBER = (int, float)
GRADESCOPE_SCHEMA = {
    "top": {
        "score": (_NUMBER, True), "execution_time": (_NUMBER, False), "output": (str, False),
        "output_format": (str, False), "visibility": (str, False), "stdout_visibility": (str, False),
        "extra_data": (dict, False), "tests": (list, False), "leaderboard": (list, False),
    },
    "test": {
        "score": (_NUMBER, False), "max_score": (_NUMBER, False), "status": (str, False), "name": (str, False),
        "number": (str, False), "output": (str, False), "output_format": (str, False), "tags": (list, False),
        "visibility": (str, False), "extra_data": (dict, False),
    },
    "enums": {
        "output_format": {"text", "simple_format", "html", "md", "ansi"},
        "visibility": {"hidden", "after_due_date", "after_published", "visible"},
        "stdout_visibility": {"hidden", "after_due_date", "after_published", "visible"},
        "status": {"passed", "failed"},
    },
}


def check_gradescope(data: dict) -> None:
    """Field by field against the contract: known fields only, right types, enums, scores consistent."""
    _check_fields(data, GRADESCOPE_SCHEMA["top"], "results.json")
    for i, test in enumerate(data.get("tests", [])):
        _check_fields(test, GRADESCOPE_SCHEMA["test"], f"tests[{i}]")
        assert all(isinstance(tag, str) for tag in test.get("tags", [])), test
        if "score" in test and "max_score" in test:
            assert 0 <= test["score"] <= test["max_score"], test
        assert test["status"] == ("passed" if test["score"] == test["max_score"] else "failed"), test
    if data.get("tests"):
        assert data["score"] == pytest.approx(sum(t["score"] for t in data["tests"]))
    json.dumps(data, allow_nan=False)  # no NaN or infinity: Gradescope's parser refuses them


def _check_fields(data: dict, schema: dict, where: str) -> None:
    unknown = set(data) - set(schema)
    assert not unknown, f"{where}: fields outside the contract: {unknown}"
    for name, (types, required) in schema.items():
        if required:
            assert name in data, f"{where}: {name} missing"
        if name in data:
            value = data[name]
            assert isinstance(value, types) and not isinstance(value, bool), f"{where}.{name}: {value!r}"
            if name in GRADESCOPE_SCHEMA["enums"]:
                assert value in GRADESCOPE_SCHEMA["enums"][name], f"{where}.{name}: {value!r}"


def check_csv(text: str, records: list[Record], exercise_ids: list[str]) -> list[dict]:
    """The grades CSV as a spreadsheet reads it: a row per record, its ids and notes as :func:`csv_cell`
    writes them (no cell a spreadsheet would run as a formula), every score a number from 0."""
    rows = list(csv.DictReader(io.StringIO(text)))
    assert list(rows[0]) == ["student_id", "total", "max", *exercise_ids, "status", "note"]
    assert [r["student_id"] for r in rows] == [csv_cell(r.student_id) for r in records]
    for row, record in zip(rows, records, strict=True):
        assert row["status"] == record.status
        for name, cell in row.items():
            assert not cell.startswith(("=", "+", "-", "@", "\t", "\r")), (name, cell)
            if name in ("total", "max", *exercise_ids) and cell != "":
                assert float(cell) >= 0, (name, cell)
        if record.graded:
            assert float(row["total"]) == pytest.approx(record.result.score)
            parts = sum(float(row[i]) for i in exercise_ids if row[i] != "")
            assert parts == pytest.approx(record.result.score)
        else:
            assert row["total"] == "" and all(row[i] == "" for i in exercise_ids)
            assert csv_cell(record.detail) in row["note"]
    return rows


def check_junit(text: str, records: list[Record]) -> ET.Element:
    root = ET.fromstring(text.encode("utf-8"))
    assert root.tag == "testsuites"
    suites = root.findall("testsuite")
    assert [s.get("name") for s in suites] == [xml(r.student_id) for r in records]
    total = {"tests": 0, "failures": 0, "errors": 0}
    for suite, record in zip(suites, records, strict=True):
        cases = suite.findall("testcase")
        failures = sum(len(c.findall("failure")) for c in cases)
        errors = sum(len(c.findall("error")) for c in cases)
        assert int(suite.get("tests")) == len(cases)
        assert int(suite.get("failures")) == failures and int(suite.get("errors")) == errors
        if record.graded:
            not_passed = [e for e in record.result.exercises if e.status != "passed"]
            assert failures + errors == len(not_passed)
        else:
            assert errors == 1 and cases[0].find("error").get("type") == record.status
        total["tests"] += len(cases)
        total["failures"] += failures
        total["errors"] += errors
    assert {k: int(root.get(k)) for k in total} == total
    return root
