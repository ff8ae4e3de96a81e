"""Every sentence the autograder says to a student or an instructor, in one place.

Keeping them here lets a course translate the feedback by replacing this table, and keeps the wording
consistent between the terminal, the JSON result and the exports.
"""

from __future__ import annotations

import signal

MESSAGES: dict[str, str] = {
    # exercise-level verdicts
    "passed": "all {total} cases pass",
    "passed_timed": "all {total} cases pass; {ratio:.1f}x the reference's time (budget {budget:g}x)",
    "passed_fast": "all {total} cases pass; timing under the {floor_ms:g} ms floor, not judged",
    "failed": "{failed} of {total} cases fail",
    "passed_untimed": ("all {total} cases pass; speed is judged at final grading (this release does not hold "
                       "the reference it is timed against)"),
    "not_recorded": ("this release holds the reference answers of seed {public} only: check {function}() with "
                     "--seed {public} (seed {seed} needs the full kit)"),
    "missing_module": "no file {module}.py in the submission",
    "missing_function": "{module}.py has no function {function}()",
    "not_implemented": "{function}() still raises NotImplementedError: fill in the stub in {module}.py",
    "import_error": "{module}.py could not be imported: {type}: {message}",
    "unreadable": "{module}.py could not be read: {reason}",
    "error": "{function}() raised {type} on case \"{case}\": {message}",
    "crashed": "{function}() crashed the worker on case \"{case}\": {detail}",
    "out_of_memory": ("{function}() ran out of memory on case \"{case}\" ({type}: {message}); the cases after "
                      "it were not run"),
    "unjudgeable": ("{function}() returned on case \"{case}\" what cannot be compared with the reference "
                    "({type}: {message})"),
    "timeout": "{function}() did not return within {limit:g} s on case \"{case}\"",
    "forbidden": ("{function}() calls {operators}, which is what this exercise asks you to write yourself; "
                  "no points are given for it"),
    "screened": ("{module}.py uses what a submission may not ({uses}): code that runs hidden strings, reaches "
                 "into the interpreter or the grader, or switches off its checks gets no points"),
    "too_slow": ("{function}() is correct but {ratio:.0f}x slower than the reference (budget {budget:g}x): "
                 "avoid Python loops over elements, use tensor operations"),
    "too_slow_killed": ("{function}() is correct but took over {limit:.1f} s where the reference takes "
                        "{reference_ms:.1f} ms (budget {budget:g}x): avoid Python loops over elements"),
    "timed_output_wrong": "an output of a timed call differs from the reference: {message}",
    "timed_error": "{function}() raised {type} on the timing input: {message}",
    # case-level comparisons
    "wrong_type": "expected {expected}, got {got}",
    "wrong_shape": "expected shape {expected}, got {got}",
    "wrong_dtype": "expected dtype {expected}, got {got}",
    "wrong_device": "expected a tensor on {expected}, got one on {got}",
    "wrong_length": "expected {expected} elements, got {got}",
    "wrong_value": "expected {expected!r}, got {got!r}",
    "wrong_values": ("{mismatched} of {total} elements differ; first at index {index}: expected {expected}, "
                     "got {got}; max abs error {max_abs:.3g}, max rel error {max_rel:.3g} "
                     "(tolerance rtol={rtol:g}, atol={atol:g})"),
    "nan_values": "{count} NaN values where the reference has none (first at index {index})",
    "subclass": "returned a {subclass}; return a plain torch.Tensor",
    "raised_instead": "expected {expected}, your function raised {type}: {message}",
    "probe_raised": "your code raised {type}: {message}",
    "held_out_accuracy": ("held-out accuracy {accuracy:.3f} ({correct} of {total} test images right): full points "
                          "from {full:g}, none at or below {none:g}"),
    "held_out_reconstruction": ("held-out reconstruction error {mse:.4f} (mean squared error per pixel over {total} "
                                "test images): full points at or below {full:g}, none at or above {none:g}"),
    "expected_raise": "expected {expected} to be raised, got {got}",
    "wrong_exception": "expected {expected}, got {got}: {message}",
    "in_element": "element {index}: {message}",
    "wrong_keys": "expected a dict with the keys {expected}, got one with the keys {got}",
    "in_key": "{name!r}: {message}",
    # feedback layout
    "case_line": "case \"{case}\" ({params}): {message}",
    "smallest": "smallest failing case found: {case_line}",
    "rebuild": "    rerun it: from autograder import case; {call}",
    # notebooks: notes on a notebook's cells, the in-notebook check, the generated notebooks
    "notebook_note": "notebook: {note}",
    "notebook_and_module": ("{module}.ipynb is graded: {module}.py has code in it too, and a module is graded "
                            "once; remove the one you do not mean to hand in"),
    "notebook_intro": ("Fill in each function in the code cell under its description, run that cell, then run "
                       "the check cell below it: `check(...)` grades the function you defined against "
                       "PyTorch's own implementation, in a separate process, and shows the cases that fail. "
                       "The example cells show what a correct function returns.\n\n"
                       "*Generated from `exercises/{module}.py` by `autograder notebooks`.*"),
    "notebook_heading": "## {number}. `{function}` ({points:g} points)",
    "notebook_example_doctest": "The docstring's example; the comments show what a correct {function}() prints.",
    "notebook_example_case": "An example to try {function}() on: the grader's case \"{case}\" ({params}).",
    "notebook_example_prints": "A correct function prints:",
    "notebook_tensor": "a {dtype} tensor of shape {shape}",
    "check_outside_kernel": ("check() grades the functions of a Jupyter notebook or of the script that calls it; "
                             "here there is neither: run `autograder check` on your files instead"),
    "check_stub": "{function}() is still the stub: fill it in, run its cell, then run this check again",
    "check_failed_to_run": "the grader could not run: {detail}",
    "nbgrader_test_cell": "feedback on the public cases; your grade comes from the course's grading, on its own cases",
    "release_seed": ("release takes no --seed: check() and an nbgrader course's test cells give feedback on the "
                     "public cases, and grades come from `autograder grade-all SUBMITTED` (on a secret seed; with "
                     "--nbgrader DIR for an nbgrader course), in the sandbox"),
    # the warm grading service (autograder check, the notebook's check)
    "service_unavailable": "grading without the warm service ({reason})",
    "service_status": ("service {pid}: {served} checks in {minutes:.0f} min, idle for {idle:g} s (stops after "
                       "{limit:g} s idle); device {device}, engine {fingerprint}; log: {log}"),
    "service_none": "no grading service is running (`autograder check` starts one)",
    "service_stopped": "stopped the grading service {pid}",
    # how a process ended
    "ended_signal": "was killed by signal {name}",
    "ended_status": "exited with status {code}",
    "ended_running": "is still running",
    "ended_silent": "stopped answering",
    # releases
    "release_filled_in": ("not released: these are no longer the handout's stubs, and a release would give them "
                          "to every student:\n  {found}\nRestore them (`git checkout -- exercises/`, or `git stash` "
                          "to keep your work) and release again"),
    "release_leak": ("not released (nothing written): {file} holds a piece of the answer of {origin}: "
                     "{fragment!r}. Move that code into autograder/keys/ (see autograder/core/key.py)"),
    "practice_split": ("practice score on a split of the training images (the held-out images that grade "
                       "{exercise} stay with your instructor)"),
    # seeds
    "practice_seed": ("practice grading on the public seed {seed}: students can see these cases; final grades "
                      "come from `autograder grade-all` without --seed, which draws a secret one"),
    "practice_summary": ("Practice: graded on the public seed {seed}, the cases `check` shows you. Your final "
                         "grade is drawn from a secret seed, on cases you have not seen."),
    "guessable_seed": ("seed {seed} is small enough to be found by trying seeds against a case's inputs; leave "
                       "--seed out and grade-all draws a secret of 128 bits, kept in the gradebook"),
    "secret_seed_new": "final grading on a new secret seed (128 bits), kept in {db}; a resumed run uses it again",
    "secret_seed_kept": "final grading on the secret seed kept in {db}",
    "below_min_score": "{score:g} points, below the {needed:g} required: this check fails",
    # grading a class
    "slowest_exercises": "slowest to grade, per student: {exercises}",
    "unknown_students": ("no submission for {unknown} among the {found} found (--student takes the ids "
                         "grades.csv shows)"),
    "engine_changed": ("the engine changed since this gradebook's grades with these settings were recorded: every "
                       "submission is graded again; the earlier grades stay in the gradebook as history"),
    "exports_written": "{graded} graded in {seconds:.1f} s; exports in {out}/ ({files})",
    # the Gradescope autograder (release --gradescope)
    "gradescope_exists": "{target} exists: --force replaces it",
    "gradescope_written": ("Gradescope autograder: {target} ({files} files; its secret seed grades every submission "
                           "on the same cases). Upload it as the assignment's autograder (zip file); it holds the "
                           "answer key's references: never give it to students"),
    "gradescope_failed": "the autograder could not grade this submission ({error}); ask your instructor",
    "gradescope_not_graded": "this submission could not be graded ({status}): {detail}",
    "release_what": "give either DIR (the student release, or --nbgrader's course) or --gradescope FILE.zip",
    # the class report (report.html) and its charts
    "report_title": "Autograder: class report",
    "report_scores": "Score distribution",
    "report_nobody_graded": "No submission was graded.",
    "report_exercises": "Exercises",
    "report_exercises_note": ("Pass rate among the graded students; the most common failing case among those who "
                              "attempted the exercise (a missing file or function, or the untouched stub, is not "
                              "an attempt)."),
    "report_exercise": "exercise",
    "report_points": "points",
    "report_pass_rate": "pass rate",
    "report_attempted": "attempted",
    "report_mean": "mean",
    "report_common_failure": "most common failure (of attempts)",
    "report_timing": "Timing",
    "report_timing_note": ("Each timed exercise: the student's time as a multiple of the reference's, measured on "
                           "the same device and inputs (a dot per student; the budget in red). Ratios under the "
                           "timing floor are not judged and not shown."),
    "report_budget": "budget",
    "report_timed": "students timed",
    "report_median_ratio": "median ratio",
    "report_max_ratio": "largest ratio",
    "report_over_budget": "over budget",
    "report_similar": "Similar submissions",
    "report_similar_note": ("Pairs of submissions whose code for one exercise is nearly identical once comments, "
                            "names and layout are set aside and the stub's own code is ignored (a winnowing "
                            "detector, as MOSS does): a reason to look, not a verdict."),
    "report_students": "Students",
    "report_student": "student",
    "report_total": "total",
    "report_not_graded": "not graded ({status})",
    "report_back": "back to the class table",
    "report_traceback": "traceback of case \"{case}\"",
    "chart_total": "total score",
    "chart_students": "students",
    "chart_passed": "passed (% of graded students)",
    "chart_ratio": "student time / reference time (red: the budget)",
    "report_written": "class report: {path}",
    "report_no_gradebook": ("no gradebook at {db}: grade the class with `autograder grade-all SUBMISSIONS --out DIR` "
                            "first"),
    "report_no_run": "{db} holds no graded run yet",
    # nbgrader's gradebook, filled by grade-all --nbgrader
    "nbgrader_missing": "--nbgrader needs nbgrader in this environment (pip install 'nbgrader>=0.9'): {error}",
    "nbgrader_no_gradebook": ("{course} has no nbgrader gradebook ({db}): run `nbgrader generate_assignment "
                              "<assignment>` in {course} first, which creates it"),
    "nbgrader_not_generated": ("{where} holds the assignment {assignment}, which nbgrader has not generated: run "
                               "`nbgrader generate_assignment {assignment}` in {course} first"),
    "nbgrader_unknown_assignment": ("{where}: {course} has no assignment {assignment} (no source/{assignment}/, "
                                    "none in its gradebook): is the folder misnamed?"),
    "nbgrader_elsewhere": ("with --nbgrader {course}, SUBMISSIONS is that course's {folder}, where nbgrader and "
                           "formgrader look for what was handed in; {submissions} is not"),
    "nbgrader_no_assignments": ("{folder} holds no assignment folder (submitted/<student>/<assignment>/): collect the "
                                "submissions first (`nbgrader collect <assignment>`), or put them there"),
    "nbgrader_no_exercises": ("no grade cell of {assignments} names an exercise of this kit (<exercise id>-test, as "
                              "`autograder release --nbgrader` writes them): nothing to grade"),
    "nbgrader_same_db": ("grade-all's own gradebook would be {db}, which is nbgrader's: give another --out or --db"),
    "nbgrader_no_grade_cell": ("{exercises} graded, but {assignment}/{notebook} has no grade cell for them "
                               "(<exercise id>-test): their points are not in nbgrader's gradebook"),
    "nbgrader_no_exercise": ("grade cell {cells} of {assignment}/{notebook} names no exercise graded by this run: "
                             "left as it was (grade it in formgrader)"),
    "nbgrader_not_graded": ("{student}: {status} ({detail}): every grade cell of {assignments} scores 0, flagged for "
                            "manual grading"),
    "nbgrader_error": "{student}: grading failed, nothing written into nbgrader's gradebook (run again to retry)",
    "nbgrader_written": ("nbgrader's gradebook {db}: {submissions} submissions of {assignments} written; "
                         "`nbgrader export` writes them to grades.csv, formgrader shows them"),
}


def say(key: str, **fields: object) -> str:
    return MESSAGES[key].format(**fields)


def ending(returncode: int | None) -> str:
    """How a process ended, from its return code as ``subprocess`` gives it (negative: the signal)."""
    if returncode is None:
        return say("ended_running")
    if returncode < 0:
        try:
            name = signal.Signals(-returncode).name
        except ValueError:
            name = str(-returncode)
        return say("ended_signal", name=name)
    return say("ended_status", code=returncode)
