"""The ``autograder`` command: list, check, grade, demo."""

from __future__ import annotations

import argparse
import contextlib
import sys
import time
from pathlib import Path

from rich.console import Console

from autograder import __version__


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="autograder",
        description="Grade deep-learning exercises against PyTorch's own implementations.",
    )
    parser.add_argument("--version", action="version", version=f"autograder {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    commands.add_parser("list", help="the exercises, with their points and what they ask")

    def grading_options(p: argparse.ArgumentParser) -> None:
        p.add_argument("--seed", type=int, default=0, help="seed of the random cases (default 0)")
        p.add_argument("--device", default="auto", choices=["cpu", "cuda", "auto"],
                       help="where the functions run: cpu, cuda, or auto (cuda when present; default)")
        p.add_argument("--only", nargs="+", metavar="EXERCISE", help="grade only these exercises")
        p.add_argument("--no-timing", action="store_true", help="skip the timing verdicts (faster)")

    check = commands.add_parser(
        "check", help="the student's view: grade your exercises and explain what fails",
        description="Grade the exercises in PATH and show feedback. Exits 0 only at full marks.")
    check.add_argument("path", nargs="?", default="exercises", type=Path,
                       help="folder of exercise modules, or one module (default: exercises/)")
    grading_options(check)

    grade = commands.add_parser(
        "grade", help="grade one submission and write its result as JSON",
        description="Grade the submission in PATH (a folder holding any subset of the exercise modules, or "
                    "one module) and write the result object. Exits 0 once the result is written.")
    grade.add_argument("path", type=Path)
    grade.add_argument("--json", required=True, type=Path, metavar="FILE", help="where to write the result")
    grading_options(grade)

    demo = commands.add_parser("demo", help="grade the bundled sample class and print its table")
    demo.add_argument("path", nargs="?", default="examples/sample_class", type=Path,
                      help="a folder of submissions, one sub-folder per student (default: examples/sample_class)")
    grading_options(demo)

    args = parser.parse_args(argv)
    console = Console()
    if not console.is_terminal:
        # logs and CI pages have no width to respect; rich's default 80 columns would fold every table
        console = Console(width=160)
    try:
        return {"list": _list, "check": _check, "grade": _grade, "demo": _demo}[args.command](args, console)
    except (ValueError, KeyError, FileNotFoundError) as err:
        message = err.args[0] if isinstance(err, KeyError) and err.args else err
        console.print(f"[red]error:[/red] {message}", highlight=False)
        return 2


def _list(args: argparse.Namespace, console: Console) -> int:
    from rich.table import Table

    from autograder.specs import all_exercises

    table = Table(title="Exercises")
    for column in ("exercise", "module", "points", "timed", "what it asks"):
        table.add_column(column)
    total = 0.0
    for ex in all_exercises():
        total += ex.points
        timed = f"≤{ex.timing.budget:g}x" if ex.timing else "-"
        table.add_row(ex.id, f"{ex.module}.py", f"{ex.points:g}", timed, ex.summary)
    console.print(table)
    console.print(f"{len(all_exercises())} exercises, {total:g} points")
    return 0


def _grader(args: argparse.Namespace):
    from autograder import sandbox

    # workers first: their PyTorch imports run while this process imports its own
    sandbox.prespawn("student")
    if not args.no_timing:
        sandbox.prespawn("reference")
    from autograder.grader import Grader

    return Grader(seed=args.seed, device=args.device, timing_enabled=not args.no_timing)


def _check(args: argparse.Namespace, console: Console) -> int:
    from autograder.report import show_result

    with _grader(args) as grader:
        with console.status("grading...") if console.is_terminal else contextlib.nullcontext():
            result = grader.grade(args.path, only=args.only)
    show_result(result, console)
    return 0 if result.score == result.max_score else 1


def _grade(args: argparse.Namespace, console: Console) -> int:
    start = time.monotonic()
    with _grader(args) as grader:
        result = grader.grade(args.path, only=args.only)
    result.write_json(args.json)
    console.print(f"{args.path}: {result.score:g}/{result.max_score:g} in {time.monotonic() - start:.1f} s "
                  f"-> {args.json}", highlight=False)
    return 0


def _demo(args: argparse.Namespace, console: Console) -> int:
    from autograder import sandbox
    from autograder.report import class_table

    students = sorted(p for p in args.path.iterdir() if p.is_dir()) if args.path.is_dir() else []
    if not students:
        raise FileNotFoundError(f"no submissions (sub-folders) in {args.path}")
    rows = []
    with _grader(args) as grader:
        for i, student in enumerate(students, 1):
            if i < len(students):
                sandbox.prespawn("student")  # the next student's worker starts while this one is graded
            start = time.monotonic()
            result = grader.grade(student, only=args.only)
            console.print(f"[{i}/{len(students)}] {student.name}: {result.score:g}/{result.max_score:g} "
                          f"({time.monotonic() - start:.1f} s)", highlight=False)
            rows.append((student.name, result))
    class_table(rows, console)
    return 0


if __name__ == "__main__":
    sys.exit(main())
