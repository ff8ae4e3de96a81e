"""The ``autograder`` command: list, check, grade, demo, grade-all, notebooks, release, report."""

from __future__ import annotations

import argparse
import atexit
import contextlib
import os
import sys
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

from rich.console import Console

from autograder import __version__
from autograder.core import language
from autograder.core.messages import MESSAGES, say
from autograder.core.messages import summary as exercise_summary
from autograder.core.seed import PUBLIC_SEED, caution
from autograder.core.status import SubmissionStatus

if TYPE_CHECKING:
    from autograder.batch import nbgrader_gradebook
    from autograder.core.grader import Grader


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    with language.speaking(_language_asked(argv)), _argparse_speaking():  # the help is in it too
        args = _parser().parse_args(argv)
    console = _console()
    if getattr(args, "lang", None):
        language.use(args.lang)
    try:
        return COMMANDS[args.command](args, console)
    except (ValueError, KeyError, FileNotFoundError, FileExistsError, NotADirectoryError) as err:
        from autograder.render.safe_text import markup

        message = err.args[0] if isinstance(err, KeyError) and err.args else err
        console.print(f"[red]{say('cli:error')}[/red] {markup(message, multiline=True)}", highlight=False)
        return 2


def _console() -> Console:
    console = Console()
    if not console.is_terminal:
        # logs and CI pages have no width to respect; rich's default 80 columns would fold every table
        console = Console(width=160)
    return console


# -- the language of the command line -----------------------------------------------------------------
def _language_asked(argv: list[str]) -> str:
    """The language the command line speaks, decided before its parser is built (its help is in it): the
    last valid ``--lang`` of ``argv`` (before or after the command's name), else the environment's."""
    asked = None
    for index, word in enumerate(argv):
        if word == "--lang" and index + 1 < len(argv):
            value = argv[index + 1]
        elif word.startswith("--lang="):
            value = word.partition("=")[2]
        else:
            continue
        if value in language.LANGUAGES:  # another value is argparse's to refuse, in the environment's language
            asked = value
    if asked is not None:
        return asked
    try:
        return language.current()
    except ValueError:  # AUTOGRADER_LANG names no language: the parser still speaks, English
        return "en"


@contextlib.contextmanager
def _argparse_speaking() -> Iterator[None]:
    """argparse's own words (``usage:``, ``error:``, ``invalid choice``...) from the catalogue while the block
    runs. argparse asks gettext for them through its module's ``_`` and ``ngettext``: those are lent our
    catalogue for the while (no gettext is installed for the process) and given back after."""
    module = vars(argparse)  # its globals, where its functions look the two names up at each call
    borrowed = {name: module[name] for name in ("_", "ngettext")}
    module["_"] = _argparse_word
    module["ngettext"] = lambda singular, plural, n: _argparse_word(singular if n == 1 else plural)
    try:
        yield
    finally:
        module.update(borrowed)


def _argparse_word(english: str) -> str:
    """argparse's sentence ``english`` in the language in force; one the catalogue lacks stays English."""
    key = _ARGPARSE_KEYS.get(english)
    return english if key is None else language.translate(key, english)


# argparse's English, and its key in the catalogue ("argparse:...")
_ARGPARSE_KEYS = {english: key for key, english in MESSAGES.items() if key.startswith("argparse:")}


# -- the command line -----------------------------------------------------------------------------------
def _parser() -> argparse.ArgumentParser:
    """The command line's parser, its help in the language in force."""
    parser = argparse.ArgumentParser(prog="autograder", description=say("cli:description"))
    parser.add_argument("--version", action="version", version=f"autograder {__version__}", help=say("cli:version"))
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    commands.add_parser("list", help=say("cli:list"))
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
                             argparse.SUPPRESS, help=say("cli:lang"))
    return parser


def _grading_options(p: argparse.ArgumentParser, secret_by_default: bool = False) -> None:
    if secret_by_default:
        p.add_argument("--seed", type=int, default=None, help=say("cli:seed_secret"))
    else:
        p.add_argument("--seed", type=int, default=PUBLIC_SEED, help=say("cli:seed_public", seed=PUBLIC_SEED))
    p.add_argument("--device", default="auto", choices=["cpu", "cuda", "auto"], help=say("cli:device"))
    p.add_argument("--only", nargs="+", metavar="EXERCISE", help=say("cli:only"))
    p.add_argument("--no-timing", action="store_true", help=say("cli:no_timing"))


def _add_check(commands: argparse._SubParsersAction) -> None:
    check = commands.add_parser("check", help=say("cli:check"), description=say("cli:check_description"))
    check.add_argument("path", nargs="?", type=Path, help=say("cli:check_path"))
    _grading_options(check)
    check.add_argument("--no-service", action="store_true", help=say("cli:no_service"))


def _add_service(commands: argparse._SubParsersAction) -> None:
    service = commands.add_parser("service", help=say("cli:service"), description=say("cli:service_description"))
    service.add_argument("action", choices=["status", "stop"], help=say("cli:service_action"))


def _add_grade(commands: argparse._SubParsersAction) -> None:
    grade = commands.add_parser("grade", help=say("cli:grade"), description=say("cli:grade_description"))
    grade.add_argument("path", type=Path, help=say("cli:grade_path"))
    grade.add_argument("--json", required=True, type=Path, metavar="FILE", help=say("cli:grade_json"))
    grade.add_argument("--summary", type=Path, metavar="FILE", help=say("cli:grade_summary"))
    grade.add_argument("--min-score", type=_min_score, metavar="POINTS", help=say("cli:grade_min_score"))
    _grading_options(grade)


def _add_demo(commands: argparse._SubParsersAction) -> None:
    demo = commands.add_parser("demo", help=say("cli:demo"))
    demo.add_argument("path", nargs="?", default="examples/sample_class", type=Path, help=say("cli:demo_path"))
    _grading_options(demo)


def _add_grade_all(commands: argparse._SubParsersAction) -> None:
    grade_all = commands.add_parser("grade-all", help=say("cli:grade_all"),
                                    description=say("cli:grade_all_description"))
    grade_all.add_argument("submissions", type=Path, metavar="SUBMISSIONS", help=say("cli:submissions"))
    grade_all.add_argument("--out", required=True, type=Path, metavar="DIR", help=say("cli:out"))
    grade_all.add_argument("--workers", type=int, metavar="N", help=say("cli:workers"))
    grade_all.add_argument("--db", type=Path, metavar="PATH", help=say("cli:db"))
    grade_all.add_argument("--regrade", action="store_true", help=say("cli:regrade"))
    grade_all.add_argument("--student", nargs="+", metavar="ID", help=say("cli:student"))
    grade_all.add_argument("--scheduler", metavar="ADDRESS", help=say("cli:scheduler"))
    grade_all.add_argument("--summary", type=Path, metavar="FILE", help=say("cli:grade_all_summary"))
    grade_all.add_argument("--nbgrader", type=Path, metavar="COURSE", help=say("cli:nbgrader_course"))
    _grading_options(grade_all, secret_by_default=True)


def _add_notebooks(commands: argparse._SubParsersAction) -> None:
    notebooks = commands.add_parser("notebooks", help=say("cli:notebooks"),
                                    description=say("cli:notebooks_description"))
    notebooks.add_argument("folder", nargs="?", type=Path, help=say("cli:notebooks_folder"))
    notebooks.add_argument("--check", action="store_true", help=say("cli:notebooks_check"))


def _add_release(commands: argparse._SubParsersAction) -> None:
    release = commands.add_parser("release", help=say("cli:release"), description=say("cli:release_description"))
    release.add_argument("dir", type=Path, metavar="DIR", nargs="?", help=say("cli:release_dir"))
    release.add_argument("--nbgrader", action="store_true", help=say("cli:release_nbgrader"))
    release.add_argument("--gradescope", type=Path, metavar="FILE.zip", help=say("cli:release_gradescope"))
    release.add_argument("--gpu-runner", metavar="LABEL", help=say("cli:gpu_runner"))
    release.add_argument("--min-score", type=_min_score, default="full", metavar="POINTS",
                         help=say("cli:release_min_score"))
    release.add_argument("--seed", type=int, help=argparse.SUPPRESS)  # refused, saying why (release_seed)
    release.add_argument("--only", nargs="+", metavar="EXERCISE", help=say("cli:release_only"))
    release.add_argument("--force", action="store_true", help=say("cli:force"))


def _add_report(commands: argparse._SubParsersAction) -> None:
    report = commands.add_parser("report", help=say("cli:report"), description=say("cli:report_description"))
    report.add_argument("dir", type=Path, metavar="DIR", help=say("cli:report_dir"))
    report.add_argument("--db", type=Path, metavar="PATH", help=say("cli:db"))


# -- the commands -------------------------------------------------------------------------------------
def _list(args: argparse.Namespace, console: Console) -> int:
    from rich.table import Table

    from autograder.listing import EXERCISES  # generated from the specifications: no PyTorch to import

    table = Table(title=say("list_title"))
    for key in ("report_exercise", "list_module", "report_points", "list_timed", "list_asks"):
        table.add_column(say(key))
    total = 0.0
    for ex in EXERCISES:
        total += ex["points"]
        timed = f"≤{ex['timed']:g}x" if ex["timed"] else "-"
        table.add_row(ex["id"], f"{ex['module']}.py", f"{ex['points']:g}", timed, exercise_summary(ex["id"]))
    console.print(table)
    console.print(say("list_total", exercises=len(EXERCISES), points=total), highlight=False)
    return 0


def _grader(args: argparse.Namespace) -> Grader:
    from autograder.sandbox import launcher

    # workers first: their PyTorch imports run while this process imports its own
    launcher.prespawn("student")
    if not args.no_timing:
        launcher.prespawn("reference")
    from autograder.core import collector

    with collector.paused():
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
            with console.status(say("cli:grading")) if console.is_terminal else contextlib.nullcontext():
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
        with console.status(say("cli:grading")) if console.is_terminal else contextlib.nullcontext():
            data = client.check(args.device, args.seed, not args.no_timing, args.only, path=path, shown=str(path))
    except client.ServiceUnavailable as err:
        console.print(say("cli:note", sentence=say("service_unavailable", reason=err)), highlight=False,
                      markup=False)
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
        raise FileNotFoundError(say("no_such_path", path=path))
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
        raise KeyError(say("unknown_exercises", names=", ".join(unknown)))


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
        raise FileNotFoundError(say("no_such_path", path=args.path))
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
    console.print(say("cli:graded", path=args.path, score=result.score, max_score=result.max_score,
                      seconds=time.monotonic() - start, json=args.json), highlight=False, markup=False)
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
            raise argparse.ArgumentTypeError(say("cli:not_a_score", text=text)) from None
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
        console.print(say("cli:nbgrader_written", notebooks=len(written) - 1, dir=args.dir), highlight=False,
                      markup=False)
    else:
        if args.only:
            raise ValueError(say("cli:only_where"))
        written = student.student_release(args.dir, gpu_runner=args.gpu_runner, force=args.force,
                                          min_score=args.min_score)
        console.print(say("cli:release_written", files=len(written), dir=args.dir), highlight=False, markup=False)
    return 0


def _demo(args: argparse.Namespace, console: Console) -> int:
    from autograder.render.safe_text import markup
    from autograder.render.terminal import class_table
    from autograder.sandbox import launcher

    students = sorted(p for p in args.path.iterdir() if p.is_dir()) if args.path.is_dir() else []
    if not students:
        raise FileNotFoundError(say("cli:no_submissions", path=args.path))
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
        raise ValueError(say("cli:workers_below_one"))
    course = _nbgrader_course(args, console)  # before anything is graded
    options = bulk.Options(seed=args.seed, device=args.device, only=tuple(args.only) if args.only else None,
                           timing=not args.no_timing)
    try:
        outcome = bulk.grade_all(args.submissions, args.out, options=options, workers=args.workers, db=args.db,
                                 regrade=args.regrade, scheduler=args.scheduler, console=console,
                                 command=f"grade-all {vars(args)}", students=args.student)
    except KeyboardInterrupt:
        console.print(say("cli:interrupted"), highlight=False, markup=False)
        return 130
    except RuntimeError as err:  # the grading processes cannot start on this machine
        console.print(f"[red]{say('cli:error')}[/red] {err}", highlight=False)
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
        console.print(say("cli:warning", sentence=sentence), highlight=False, markup=False)
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


def command(argv: list[str] | None = None) -> NoReturn:
    """The ``autograder`` command: :func:`main`, then its exit without the interpreter's teardown, which takes
    PyTorch 1.2 s (of an 8 s ``grade``) and frees nothing a process that ends needs freed. The exit functions
    still run (the runner and spare workers are stopped there), and where a thread that is not a daemon is
    still running the exit is the usual one, which waits for it (daemon threads end with the process either way)."""
    code = main(argv)
    if all(thread.daemon for thread in threading.enumerate() if thread is not threading.main_thread()):
        sys.stdout.flush()
        sys.stderr.flush()
        atexit._run_exitfuncs()
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(code)
    sys.exit(code)


if __name__ == "__main__":
    command()
