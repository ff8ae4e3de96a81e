"""The ``autograder`` command: list, check, grade, demo, grade-all, notebooks, release, report."""

from __future__ import annotations

import argparse
import contextlib
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from rich.console import Console

from autograder import __version__
from autograder.core import language
from autograder.core.messages import say
from autograder.core.seed import PUBLIC_SEED, caution
from autograder.core.status import SubmissionStatus

if TYPE_CHECKING:
    from autograder.batch import nbgrader_gradebook
    from autograder.core.grader import Grader


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    console = _console()
    if getattr(args, "lang", None):
        language.use(args.lang)
    try:
        return COMMANDS[args.command](args, console)
    except (ValueError, KeyError, FileNotFoundError, FileExistsError, NotADirectoryError) as err:
        from autograder.render.safe_text import markup

        message = err.args[0] if isinstance(err, KeyError) and err.args else err
        console.print(f"[red]error:[/red] {markup(message, multiline=True)}", highlight=False)
        return 2


def _console() -> Console:
    console = Console()
    if not console.is_terminal:
        # logs and CI pages have no width to respect; rich's default 80 columns would fold every table
        console = Console(width=160)
    return console


# -- the command line -----------------------------------------------------------------------------------
def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="autograder",
        description="Grade deep-learning exercises against PyTorch's own implementations.",
    )
    parser.add_argument("--version", action="version", version=f"autograder {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    commands.add_parser("list", help="the exercises, with their points and what they ask")
    _add_check(commands)
    _add_grade(commands)
    _add_demo(commands)
    _add_grade_all(commands)
    _add_notebooks(commands)
    _add_release(commands)
    _add_report(commands)
    _add_service(commands)
    for command in (parser, *commands.choices.values()):  # before or after the command's name
        command.add_argument("--lang", choices=language.LANGUAGES, default=None if command is parser else
                             argparse.SUPPRESS, help="the language of feedback and messages (default: "
                             "AUTOGRADER_LANG, else the locale: fr_* speaks French)")
    return parser


def _grading_options(p: argparse.ArgumentParser, secret_by_default: bool = False) -> None:
    if secret_by_default:
        p.add_argument("--seed", type=int, default=None,
                       help="seed of the random cases (default: a secret of 128 bits, drawn on the first run and "
                            "kept in the gradebook: final grading; --seed 0 is the public seed, practice)")
    else:
        p.add_argument("--seed", type=int, default=PUBLIC_SEED,
                       help=f"seed of the random cases (default {PUBLIC_SEED}, the public seed: practice "
                            "grading; final grades come from grade-all, on a secret seed)")
    p.add_argument("--device", default="auto", choices=["cpu", "cuda", "auto"],
                   help="where the functions run: cpu, cuda, or auto (cuda when present; default)")
    p.add_argument("--only", nargs="+", metavar="EXERCISE", help="grade only these exercises")
    p.add_argument("--no-timing", action="store_true", help="skip the timing verdicts (faster)")


def _add_check(commands: argparse._SubParsersAction) -> None:
    check = commands.add_parser(
        "check", help="the student's view: grade your exercises and explain what fails",
        description="Grade the exercises in PATH and show feedback. Exits 0 only at full marks.")
    check.add_argument("path", nargs="?", type=Path,
                       help="folder of exercise modules, or one module (default: exercises/, or the current "
                            "folder when it holds the modules)")
    _grading_options(check)
    check.add_argument("--no-service", action="store_true",
                       help="grade in processes of this command, without the warm service (slower; as grade does)")


def _add_service(commands: argparse._SubParsersAction) -> None:
    service = commands.add_parser(
        "service", help="the warm grading service that answers `check`: status, stop",
        description="`check` starts a per-user service that keeps a grader warm, so that a check answers in "
                    "about a second; it stops by itself after 15 idle minutes (AUTOGRADER_SERVICE_IDLE seconds).")
    service.add_argument("action", choices=["status", "stop"])


def _add_grade(commands: argparse._SubParsersAction) -> None:
    grade = commands.add_parser(
        "grade", help="grade one submission and write its result as JSON",
        description="Grade the submission in PATH (a folder holding any subset of the exercise modules, as "
                    ".py files or Jupyter notebooks, or one of them) and write the result object. Exits 0 once "
                    "the result is written.")
    grade.add_argument("path", type=Path)
    grade.add_argument("--json", required=True, type=Path, metavar="FILE", help="where to write the result")
    grade.add_argument("--summary", type=Path, metavar="FILE",
                       help="also append the result in Markdown to FILE (a CI step summary: $GITHUB_STEP_SUMMARY)")
    grade.add_argument("--min-score", type=_min_score, metavar="POINTS",
                       help="exit 1 below this score: a number of points, or 'full' (a student CI fails below it)")
    _grading_options(grade)


def _add_demo(commands: argparse._SubParsersAction) -> None:
    demo = commands.add_parser("demo", help="grade the bundled sample class and print its table")
    demo.add_argument("path", nargs="?", default="examples/sample_class", type=Path,
                      help="a folder of submissions, one sub-folder per student (default: examples/sample_class)")
    _grading_options(demo)


def _add_grade_all(commands: argparse._SubParsersAction) -> None:
    grade_all = commands.add_parser(
        "grade-all", help="grade a whole class in parallel, into a gradebook and exports",
        description="Grade every submission under SUBMISSIONS (SUBMISSIONS/<student>/ folders, nbgrader's "
                    "submitted/<student>/<assignment>/, or one <student>.zip each), skipping those the gradebook "
                    "already holds unchanged, and write grades.csv, per-student JSON, Gradescope results.json, "
                    "JUnit XML, a Markdown summary, similarity.csv and report.html into --out. Exits 0 once done, "
                    "1 if grading itself failed for some submission (re-run to retry them).")
    grade_all.add_argument("submissions", type=Path, metavar="SUBMISSIONS")
    grade_all.add_argument("--out", required=True, type=Path, metavar="DIR", help="where the exports go")
    grade_all.add_argument("--workers", type=int, metavar="N",
                           help="grading processes (default: one per CPU core, as memory allows)")
    grade_all.add_argument("--db", type=Path, metavar="PATH", help="the gradebook (default: DIR/gradebook.db)")
    grade_all.add_argument("--regrade", action="store_true", help="grade again what the gradebook already holds")
    grade_all.add_argument("--student", nargs="+", metavar="ID",
                           help="grade only these students (with --regrade, again); the exports keep the whole class")
    grade_all.add_argument("--scheduler", metavar="ADDRESS",
                           help="run one task per submission on this Dask scheduler (tcp://host:8786)")
    grade_all.add_argument("--summary", type=Path, metavar="FILE",
                           help="also append the class summary in Markdown to FILE (a CI step summary)")
    grade_all.add_argument("--nbgrader", type=Path, metavar="COURSE",
                           help="also write the points into the nbgrader course COURSE's gradebook (SUBMISSIONS: its "
                                "submitted/ folder); without --only, grade the exercises its grade cells name")
    _grading_options(grade_all, secret_by_default=True)


def _add_notebooks(commands: argparse._SubParsersAction) -> None:
    notebooks = commands.add_parser(
        "notebooks", help="regenerate exercises/<module>.ipynb from each exercise module (--lang fr: exercises/fr/)",
        description="Write the notebook of every module of FOLDER (default exercises/) from its .py source; "
                    "with --check, write nothing and exit 1 if a notebook is out of date.")
    notebooks.add_argument("folder", nargs="?", type=Path, help="the exercise modules (default: exercises/)")
    notebooks.add_argument("--check", action="store_true", help="only compare; exit 1 if one differs")


def _add_release(commands: argparse._SubParsersAction) -> None:
    release = commands.add_parser(
        "release", help="write what students receive, or an nbgrader course (--nbgrader)",
        description="Write into DIR the student release (exercises as modules and notebooks, the autograder, "
                    "datasets, a README and a CI workflow; no solutions), or with --nbgrader an nbgrader "
                    "course whose source notebooks hold the solutions and test cells that show feedback (grade "
                    "it with grade-all --nbgrader), or with --gradescope FILE.zip a Gradescope autograder.")
    release.add_argument("dir", type=Path, metavar="DIR", nargs="?")
    release.add_argument("--nbgrader", action="store_true", help="write an nbgrader course instead")
    release.add_argument("--gradescope", type=Path, metavar="FILE.zip",
                         help="write a Gradescope autograder (zip) instead: the kit with its references, no "
                              "solutions, and a secret seed; for the instructor, never for students")
    release.add_argument("--gpu-runner", metavar="LABEL",
                         help="the CI workflow grades on this runner label, on CUDA (default: CPU, ubuntu-latest)")
    release.add_argument("--min-score", type=_min_score, default="full", metavar="POINTS",
                         help="the CI workflow fails below this score: points, or 'full' (default)")
    release.add_argument("--seed", type=int, help=argparse.SUPPRESS)  # refused, saying why (release_seed)
    release.add_argument("--only", nargs="+", metavar="EXERCISE",
                         help="nbgrader, Gradescope: only these exercises")
    release.add_argument("--force", action="store_true", help="replace an earlier release in DIR")


def _add_report(commands: argparse._SubParsersAction) -> None:
    report = commands.add_parser(
        "report", help="write a graded class's report.html again, from its gradebook",
        description="Write DIR/report.html (the class report grade-all writes) from the gradebook DIR/gradebook.db "
                    "(or --db): the class of its latest run. Nothing is graded.")
    report.add_argument("dir", type=Path, metavar="DIR", help="grade-all's --out folder")
    report.add_argument("--db", type=Path, metavar="PATH", help="the gradebook (default: DIR/gradebook.db)")


# -- the commands -------------------------------------------------------------------------------------
def _list(args: argparse.Namespace, console: Console) -> int:
    from rich.table import Table

    from autograder.listing import EXERCISES  # generated from the specifications: no PyTorch to import

    table = Table(title="Exercises")
    for column in ("exercise", "module", "points", "timed", "what it asks"):
        table.add_column(column)
    total = 0.0
    for ex in EXERCISES:
        total += ex["points"]
        timed = f"≤{ex['timed']:g}x" if ex["timed"] else "-"
        table.add_row(ex["id"], f"{ex['module']}.py", f"{ex['points']:g}", timed, ex["summary"])
    console.print(table)
    console.print(f"{len(EXERCISES)} exercises, {total:g} points")
    return 0


def _grader(args: argparse.Namespace) -> Grader:
    from autograder.sandbox import launcher

    # workers first: their PyTorch imports run while this process imports its own
    launcher.prespawn("student")
    if not args.no_timing:
        launcher.prespawn("reference")
    from autograder.core.grader import Grader

    return Grader(seed=args.seed, device=args.device, timing_enabled=not args.no_timing)


def _check(args: argparse.Namespace, console: Console) -> int:
    from autograder.render.terminal import show_result

    path = _check_path(args.path)
    _known_exercises(args.only)
    result = None
    if not args.no_service:
        result = _check_with_service(args, path, console)
    if result is None:
        with _grader(args) as grader:
            with console.status("grading...") if console.is_terminal else contextlib.nullcontext():
                result = grader.grade(path, only=args.only)
    show_result(result, console)
    return 0 if result.score == result.max_score else 1


def _check_with_service(args: argparse.Namespace, path: Path, console: Console):
    """The result from the warm service, or ``None`` when it cannot be used here (then said, and graded
    without it)."""
    from autograder.core.result import SubmissionResult
    from autograder.service import usable_client

    client = usable_client()
    if client is None:
        return None
    try:
        with console.status("grading...") if console.is_terminal else contextlib.nullcontext():
            data = client.check(args.device, args.seed, not args.no_timing, args.only, path=path, shown=str(path))
    except client.ServiceUnavailable as err:
        console.print(f"note: {say('service_unavailable', reason=err)}", highlight=False, markup=False)
        return None
    return SubmissionResult.from_dict(data)


def _check_path(path: Path | None) -> Path:
    """The folder (or module) to check, said missing before anything starts. Without one: ``exercises/``,
    or the current folder when it holds exercise modules (a student working inside ``exercises/``)."""
    if path is None:
        path = Path("exercises")
        if not path.exists() and _holds_modules(Path(".")):
            path = Path(".")
    if not path.exists():
        raise FileNotFoundError(f"no such file or directory: {path}")
    return path


def _holds_modules(folder: Path) -> bool:
    from autograder.listing import EXERCISES

    modules = {ex["module"] for ex in EXERCISES}
    return any((folder / f"{m}{suffix}").is_file() for m in modules for suffix in (".py", ".ipynb"))


def _known_exercises(only: list[str] | None) -> None:
    """``--only`` names known exercises (``KeyError`` names the others, as the grader would)."""
    from autograder.listing import EXERCISES

    unknown = sorted(set(only or ()) - {ex["id"] for ex in EXERCISES})
    if unknown:
        raise KeyError(f"unknown exercise(s): {', '.join(unknown)}; `autograder list` shows them")


def _service(args: argparse.Namespace, console: Console) -> int:
    from autograder.service import client

    if args.action == "stop":
        pid = client.stop()
        console.print(say("service_stopped", pid=pid) if pid else say("service_none"), highlight=False,
                      markup=False)
        return 0
    info = client.status()
    if info is None:
        console.print(say("service_none"), highlight=False, markup=False)
        return 1
    key = info.get("key", {})
    console.print(say("service_status", pid=info.get("pid"), served=info.get("served"),
                      minutes=(time.time() - float(info.get("started", time.time()))) / 60,
                      idle=info.get("idle_for"), limit=info.get("idle_limit"), device=key.get("device"),
                      fingerprint=key.get("fingerprint"), log=info.get("log")), highlight=False, markup=False)
    return 0


def _grade(args: argparse.Namespace, console: Console) -> int:
    start = time.monotonic()
    if not args.path.exists():  # said before any worker starts
        raise FileNotFoundError(f"no such file or directory: {args.path}")
    _known_exercises(args.only)
    if (said := caution(args.seed)) is not None:
        console.print(said, highlight=False, markup=False)
    with _grader(args) as grader:
        result = grader.grade(args.path, only=args.only)
    result.write_json(args.json)
    if args.summary is not None:
        from autograder.render.markdown import step_summary

        with open(args.summary, "a", encoding="utf-8") as summary:
            summary.write(step_summary(result))
    console.print(f"{args.path}: {result.score:g}/{result.max_score:g} in {time.monotonic() - start:.1f} s "
                  f"-> {args.json}", highlight=False)
    if args.min_score is None:
        return 0
    needed = result.max_score if args.min_score == "full" else float(args.min_score)
    if result.score < needed:
        console.print(say("below_min_score", score=result.score, needed=needed), highlight=False, markup=False)
        return 1
    return 0


def _min_score(text: str) -> str:
    """``--min-score``: ``full``, or a number of points (kept as text, so that ``full`` can be told apart)."""
    if text != "full":
        try:
            if float(text) < 0:
                raise ValueError
        except ValueError:
            raise argparse.ArgumentTypeError(f"not a score: {text!r} (a number of points, or 'full')") from None
    return text


def _notebooks(args: argparse.Namespace, console: Console) -> int:
    from autograder.notebooks import generate

    return generate.run(args.folder or generate.statements(language.current()), args.check)


def _release(args: argparse.Namespace, console: Console) -> int:
    from autograder.release import student

    if args.seed is not None:  # no release grades: the seed of final grading is grade-all's
        raise ValueError(say("release_seed"))
    if (args.gradescope is None) == (args.dir is None):
        raise ValueError(say("release_what"))
    if args.gradescope is not None:
        from autograder.release import gradescope

        names = gradescope.bundle(args.gradescope, only=args.only, force=args.force)
        console.print(say("gradescope_written", target=args.gradescope, files=len(names)), highlight=False,
                      markup=False)
    elif args.nbgrader:
        written = student.nbgrader_course(args.dir, only=args.only, force=args.force)
        console.print(f"nbgrader course: {len(written) - 1} source notebooks in {args.dir}/source; next: "
                      f"cd {args.dir} && nbgrader generate_assignment <module> (the README's steps: \"An nbgrader "
                      "course\")", highlight=False)
    else:
        if args.only:
            raise ValueError("--only applies to --nbgrader courses and --gradescope autograders")
        written = student.student_release(args.dir, gpu_runner=args.gpu_runner, force=args.force,
                                          min_score=args.min_score)
        console.print(f"student release: {len(written)} files in {args.dir}", highlight=False)
    return 0


def _demo(args: argparse.Namespace, console: Console) -> int:
    from autograder.render.safe_text import markup
    from autograder.render.terminal import class_table
    from autograder.sandbox import launcher

    students = sorted(p for p in args.path.iterdir() if p.is_dir()) if args.path.is_dir() else []
    if not students:
        raise FileNotFoundError(f"no submissions (sub-folders) in {args.path}")
    rows = []
    with _grader(args) as grader:
        for i, student in enumerate(students, 1):
            if i < len(students):
                launcher.prespawn("student")  # the next student's worker starts while this one is graded
            start = time.monotonic()
            result = grader.grade(student, only=args.only)
            console.print(f"[{i}/{len(students)}] {markup(student.name)}: {result.score:g}/{result.max_score:g} "
                          f"({time.monotonic() - start:.1f} s)", highlight=False)
            rows.append((student.name, result))
    class_table(rows, console)
    return 0


def _grade_all(args: argparse.Namespace, console: Console) -> int:
    from autograder.batch import bulk

    if args.workers is not None and args.workers < 1:
        raise ValueError("--workers must be at least 1")
    course = _nbgrader_course(args, console)  # before anything is graded
    options = bulk.Options(seed=args.seed, device=args.device, only=tuple(args.only) if args.only else None,
                           timing=not args.no_timing)
    try:
        outcome = bulk.grade_all(args.submissions, args.out, options=options, workers=args.workers, db=args.db,
                                 regrade=args.regrade, scheduler=args.scheduler, console=console,
                                 command=f"grade-all {vars(args)}", students=args.student)
    except KeyboardInterrupt:
        console.print("interrupted: what was graded is in the gradebook; run the same command to go on")
        return 130
    except RuntimeError as err:  # the grading processes cannot start on this machine
        console.print(f"[red]error:[/red] {err}", highlight=False)
        return 2
    if args.summary is not None:
        with open(args.summary, "a", encoding="utf-8") as page:
            page.write(outcome.written["summary"].read_text(encoding="utf-8") + "\n")
    if course is not None:
        from autograder.batch import nbgrader_gradebook

        nbgrader_gradebook.write(course, outcome.records, console)
    return 1 if any(r.status == SubmissionStatus.ERROR for r in outcome.records) else 0


def _nbgrader_course(args: argparse.Namespace, console: Console) -> nbgrader_gradebook.Course | None:
    """With --nbgrader, the course whose gradebook the points go into, checked; without --only, the exercises
    its grade cells name become ``args.only``."""
    if args.nbgrader is None:
        return None
    from autograder.batch import nbgrader_gradebook

    course = nbgrader_gradebook.open_course(args.nbgrader, args.submissions, args.db or args.out / "gradebook.db")
    args.only = args.only or list(course.exercises())
    for sentence in nbgrader_gradebook.mismatches(course, args.only):
        console.print(f"warning: {sentence}", highlight=False, markup=False)
    return course


def _report(args: argparse.Namespace, console: Console) -> int:
    from autograder.render import report

    path = report.rebuild(args.dir, args.db)
    console.print(say("report_written", path=path), highlight=False, markup=False)
    return 0


# each command's function, by its name on the command line
COMMANDS: dict[str, Callable[[argparse.Namespace, Console], int]] = {
    "list": _list, "check": _check, "grade": _grade, "demo": _demo, "grade-all": _grade_all,
    "notebooks": _notebooks, "release": _release, "report": _report, "service": _service,
}


if __name__ == "__main__":
    sys.exit(main())
