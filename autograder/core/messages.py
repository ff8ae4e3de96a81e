"""Every sentence the autograder says to a student or an instructor, in one place.

Keeping them here keeps the wording consistent between the terminal, the JSON result and the exports, and
gives translators one catalogue: the English here is the source, ``autograder/locale/fr/LC_MESSAGES/
autograder.po`` its French (each sentence under its key as gettext context), and ``say`` speaks the language
in force (:mod:`autograder.core.language`).
"""

from __future__ import annotations

import signal
from collections.abc import Iterable

from autograder.core.language import translate

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
    "too_deeply_nested": "its code nests deeper than Python's parser goes ({type})",
    "error": "{function}() raised {type} on case \"{case}\": {message}",
    "crashed": "{function}() crashed the worker on case \"{case}\": {detail}",
    "out_of_memory": ("{function}() ran out of memory on case \"{case}\" ({type}: {message}); the cases after "
                      "it were not run"),
    "returned_too_large": ("{function}() returned more than the grader accepts on case \"{case}\" ({message}); the "
                           "cases after it were not run"),
    "unjudgeable": ("{function}() returned on case \"{case}\" what cannot be compared with the reference "
                    "({type}: {message})"),
    "timeout": "{function}() did not return within {limit:g} s on case \"{case}\"",
    "forbidden": ("{function}() calls {operators}, which is what this exercise asks you to write yourself; "
                  "no points are given for it"),
    "tampered": ("{function}() changed the grader's own code ({operators}): a submission that patches the "
                 "grader gets no points"),
    "screened": ("{module}.py uses what a submission may not ({uses}): code that runs hidden strings, reaches "
                 "into the interpreter or the grader, or switches off its checks gets no points"),
    "too_slow": ("{function}() is correct but {ratio:.0f}x slower than the reference (budget {budget:g}x): "
                 "avoid Python loops over elements, use tensor operations"),
    "too_slow_killed": ("{function}() is correct but took over {limit:.1f} s where the reference takes "
                        "{reference_ms:.1f} ms (budget {budget:g}x): avoid Python loops over elements"),
    "timed_output_wrong": "an output of a timed call differs from the reference: {message}",
    "timed_error": "{function}() raised {type} on the timing input: {message}",
    "diagnosis": "likely mistake: {hint}",
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
    # final grading's secret seed: what was expected stays unsaid
    "wrong_value_hidden": "got {got!r}, which is not the expected value",
    "wrong_values_hidden": ("{mismatched} of {total} elements differ; first at index {index}, where you return "
                            "{got} (tolerance rtol={rtol:g}, atol={atol:g})"),
    "wrong_keys_hidden": "the dict's keys are not the expected ones; got the keys {got}",
    "nan_values": "{count} NaN values where the reference has none (first at index {index})",
    "subclass": "returned a {subclass}; return a plain torch.Tensor",
    "raised_instead": "expected {expected}, your function raised {type}: {message}",
    "probe_raised": "your code raised {type}: {message}",
    "held_out_accuracy": ("held-out accuracy {accuracy:.3f} ({correct} of {total} test images right): full points "
                          "from {full:g}, none at or below {none:g}"),
    # functions that draw random numbers, graded through autograder.sandbox.probes.generator_calls
    "random_no_report": "the worker sent back no results of the calls",
    "random_ignores_generator": ("two generators seeded alike gave {function}() different results: draw with the "
                                 "`generator` you are given, and only from it"),
    "random_not_torch": ("without a generator, the same torch.manual_seed gave {function}() different results: "
                         "draw with torch's random functions (torch.rand, Tensor.bernoulli_...), which "
                         "torch.manual_seed makes reproducible"),
    "dropout_not_like_x": "{call}: expected a tensor of x's shape {shape} and dtype {dtype}, got {got}",
    "dropout_eval": "{call}: with training=False, dropout must return x unchanged",
    "dropout_value": "{call}: element {index} is {got:.6g}, neither 0 nor x / (1 - p) = {x:.6g} / (1 - {p:g})",
    "dropout_rate": ("{call}: {dropped} of {total} elements dropped ({rate:.3f}) with p = {p:g}; dropping each "
                     "element with probability p stays within {sigmas:g} standard deviations of p * {total}"),
    "dropout_calls_agree": ("the masks of the calls \"generator=g, g seeded\" and \"{call}\" agree on {agree} of "
                            "{total} elements (independent masks agree on {expected:.1%}, within {sigmas:g} standard "
                            "deviations): draw every mask afresh, from the generator you are given"),
    "dropout_neighbours_agree": ("neighbours along {where} are dropped alike in {agree} of {total} pairs (independent "
                                 "drops agree on {expected:.1%}, within {sigmas:g} standard deviations): decide "
                                 "for every element on its own, not once per row or column"),
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
    "case_values": "    inputs: {inputs}\n    expected: {expected}\n    got: {got}",
    # notebooks: notes on a notebook's cells, the in-notebook check, the generated notebooks
    "notebook_note": "notebook: {note}",
    "notebook_and_module": ("{module}.ipynb is graded: {module}.py has code in it too, and a module is graded "
                            "once; remove the one you do not mean to hand in"),
    "notebook_intro": ("Fill in each function in the code cell under its description, run that cell, then run "
                       "the check cell below it: `check(...)` grades the function you defined against "
                       "PyTorch's own implementation, in a separate process, and shows the cases that fail. "
                       "The example cells show what a correct function returns.\n\n"
                       "*Generated from `{source}` by `autograder notebooks`.*"),
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
    "report_same_code": "{count} students handed in the same code (every two of them 100%)",
    "report_same_code_shown": "{student}'s code (the others' differs at most in comments, names and layout):",
    "report_more_pairs": "{count} more similar pairs, less similar than these: every pair is in similarity.csv.",
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
    # what the views print around the feedback: the terminal, the notebook's table, the class table
    "status:passed": "passed",
    "status:failed": "failed",
    "status:error": "error",
    "status:timeout": "timeout",
    "status:forbidden": "forbidden",
    "status:missing": "missing",
    "status:not_implemented": "not implemented",
    "status:too_slow": "too slow",
    "view_raised": "your code raised:",
    "view_total": "Total: {score}/{max_score}",
    "view_isolation": "isolation: {level}",
    "view_case": "case",
    "view_parameters": "parameters",
    "view_expected": "expected",
    "view_got": "got",
    "view_differs": "what differs",
    "view_smallest": "smallest failing case found",
    "view_no_submissions": "no submissions",
    "view_class_title": "Class results: points per module (the exports hold every exercise)",
    "view_student": "student",
    "view_total_column": "total",
    "view_out_of": "out of",
    # the command line: argparse's own words (usage:, error:...), which argparse asks gettext for by their
    # English; the English here must stay argparse's, word for word (autograder.cli borrows them by it). argparse
    # writes a section's title and then ":", so a French title ends in a no-break space (French typography)
    "argparse:usage": "usage: ",
    "argparse:error": "%(prog)s: error: %(message)s\n",
    "argparse:argument": "argument %(argument_name)s: %(message)s",
    "argparse:positionals": "positional arguments",
    "argparse:options": "options",
    "argparse:help": "show this help message and exit",
    "argparse:required": "the following arguments are required: %s",
    "argparse:unrecognized": "unrecognized arguments: %s",
    "argparse:invalid_choice": "invalid choice: %(value)r (choose from %(choices)s)",
    "argparse:invalid_value": "invalid %(type)s value: %(value)r",
    "argparse:expected_one": "expected one argument",
    "argparse:expected_at_most_one": "expected at most one argument",
    "argparse:expected_at_least_one": "expected at least one argument",
    "argparse:ambiguous": "ambiguous option: %(option)s could match %(matches)s",
    "argparse:ignored_explicit": "ignored explicit argument %r",
    "argparse:not_allowed_with": "not allowed with argument %s",
    "argparse:unknown_parser": "unknown parser %(parser_name)r (choices: %(choices)s)",
    # the command line: its help (argparse formats it with %: a literal percent sign is written %%)
    "cli:description": "Grade deep-learning exercises against PyTorch's own implementations.",
    "cli:version": "show the version number and exit",
    "cli:lang": ("the language of feedback and messages (default: AUTOGRADER_LANG, else the locale: fr_* speaks "
                 "French)"),
    "cli:list": "the exercises, with their points and what they ask",
    "cli:seed_secret": ("seed of the random cases (default: a secret of 128 bits, drawn on the first run and kept "
                        "in the gradebook: final grading; --seed 0 is the public seed, practice)"),
    "cli:seed_public": ("seed of the random cases (default {seed}, the public seed: practice grading; final grades "
                        "come from grade-all, on a secret seed)"),
    "cli:device": "where the functions run: cpu, cuda, or auto (cuda when present; default)",
    "cli:only": "grade only these exercises",
    "cli:no_timing": "skip the timing verdicts (faster)",
    "cli:check": "the student's view: grade your exercises and explain what fails",
    "cli:check_description": "Grade the exercises in PATH and show feedback. Exits 0 only at full marks.",
    "cli:check_path": ("folder of exercise modules, or one module (default: exercises/, or the current folder when "
                       "it holds the modules)"),
    "cli:no_service": "grade in processes of this command, without the warm service (slower; as grade does)",
    "cli:service": "the warm grading service that answers `check`: status, stop",
    "cli:service_description": ("`check` starts a per-user service that keeps a grader warm, so that a check answers "
                                "in about a second; it stops by itself after 15 idle minutes "
                                "(AUTOGRADER_SERVICE_IDLE seconds)."),
    "cli:service_action": "status: what the service is doing; stop: stop it",
    "cli:grade": "grade one submission and write its result as JSON",
    "cli:grade_description": ("Grade the submission in PATH (a folder holding any subset of the exercise modules, "
                              "as .py files or Jupyter notebooks, or one of them) and write the result object. "
                              "Exits 0 once the result is written."),
    "cli:grade_path": "the submission: a folder of exercise modules, or one module",
    "cli:grade_json": "where to write the result",
    "cli:grade_summary": "also append the result in Markdown to FILE (a CI step summary: $GITHUB_STEP_SUMMARY)",
    "cli:grade_min_score": ("exit 1 below this score: a number of points, or 'full' (a student CI fails below "
                            "it)"),
    "cli:demo": "grade the bundled sample class and print its table",
    "cli:demo_path": ("a folder of submissions, one sub-folder per student (default: "
                      "examples/sample_class)"),
    "cli:grade_all": "grade a whole class in parallel, into a gradebook and exports",
    "cli:grade_all_description": ("Grade every submission under SUBMISSIONS (SUBMISSIONS/<student>/ folders, "
                                  "nbgrader's submitted/<student>/<assignment>/, or one <student>.zip each), "
                                  "skipping those the gradebook already holds unchanged, and write grades.csv, "
                                  "per-student JSON, Gradescope results.json, JUnit XML, a Markdown summary, "
                                  "similarity.csv and report.html into --out. Exits 0 once done, 1 if grading "
                                  "itself failed for some submission (re-run to retry them)."),
    "cli:submissions": "the submissions of the class",
    "cli:out": "where the exports go",
    "cli:workers": "grading processes (default: one per CPU core, as memory allows)",
    "cli:db": "the gradebook (default: DIR/gradebook.db)",
    "cli:regrade": "grade again what the gradebook already holds",
    "cli:student": "grade only these students (with --regrade, again); the exports keep the whole class",
    "cli:scheduler": "run one task per submission on this Dask scheduler (tcp://host:8786)",
    "cli:grade_all_summary": "also append the class summary in Markdown to FILE (a CI step summary)",
    "cli:nbgrader_course": ("also write the points into the nbgrader course COURSE's gradebook (SUBMISSIONS: its "
                            "submitted/ folder); without --only, grade the exercises its grade cells name"),
    "cli:notebooks": ("regenerate exercises/<module>.ipynb from each exercise module (--lang fr: "
                      "exercises/fr/)"),
    "cli:notebooks_description": ("Write the notebook of every module of FOLDER (default exercises/) from its .py "
                                  "source; with --check, write nothing and exit 1 if a notebook is out of date."),
    "cli:notebooks_folder": "the exercise modules (default: exercises/)",
    "cli:notebooks_check": "only compare; exit 1 if one differs",
    "cli:release": "write what students receive, or an nbgrader course (--nbgrader)",
    "cli:release_description": ("Write into DIR the student release (exercises as modules and notebooks, the "
                                "autograder, datasets, a README in English and in French and a CI workflow; no "
                                "solutions), or with --nbgrader an nbgrader course whose source notebooks hold the "
                                "solutions and test cells that show feedback (grade it with grade-all --nbgrader), "
                                "or with --gradescope FILE.zip a Gradescope autograder."),
    "cli:release_dir": "where the release or the course is written",
    "cli:release_nbgrader": "write an nbgrader course instead",
    "cli:release_gradescope": ("write a Gradescope autograder (zip) instead: the kit with its references, no "
                               "solutions, and a secret seed; for the instructor, never for students"),
    "cli:gpu_runner": "the CI workflow grades on this runner label, on CUDA (default: CPU, ubuntu-latest)",
    "cli:release_min_score": "the CI workflow fails below this score: points, or 'full' (default)",
    "cli:release_only": "nbgrader, Gradescope: only these exercises",
    "cli:force": "replace an earlier release in DIR",
    "cli:report": "write a graded class's report.html again, from its gradebook",
    "cli:report_description": ("Write DIR/report.html (the class report grade-all writes) from the gradebook "
                               "DIR/gradebook.db (or --db): the class of its latest run. Nothing is graded."),
    "cli:report_dir": "grade-all's --out folder",
    # the command line: what it prints
    "cli:error": "error:",
    "cli:warning": "warning: {sentence}",
    "cli:note": "note: {sentence}",
    "cli:interrupted": "interrupted: what was graded is in the gradebook; run the same command to go on",
    "no_such_path": "no such file or directory: {path}",
    "unknown_exercises": "unknown exercise(s): {names}; `autograder list` shows them",
    "no_submissions_folder": "no such folder of submissions: {root}",
    # a class's submissions as discovery finds them (autograder.batch.discovery): why one is not graded, what
    # was left out of one
    "submission:empty": "no .py or .ipynb file in the submission",
    "submission:symlink": "symbolic link not followed: {path}",
    "submission:not_utf8": "not UTF-8 text: {name} (byte {byte:#04x} at offset {offset}); its exercises score 0",
    "submission:folder_unreadable": "could not be read: {error}",
    "submission:archive_unreadable": "the archive could not be read: {error}",
    "submission:encrypted": "{path} is encrypted",
    "submission:file_too_large": "{path} is {size_mb} MiB, over the {bound_mb} MiB bound per file",
    "submission:member_too_large": "{path} is over the {bound_mb} MiB bound per file",
    "submission:too_large": "the gradable files are over the {bound_mb} MiB bound per submission",
    "submission:too_many_members": "the archive holds {members} entries, over the bound of {bound}",
    "submission:unsafe_path": "unsafe path in the archive: {path!r}",
    "submission:zip_bomb": "{path} expands {ratio}-fold: a zip bomb",
    "submission:same_name": "two different files named {name}: {first} and {second}",
    "submission:duplicate": ("the student id {student!r} is given by {count} entries ({sources}): keep one and grade "
                             "again"),
    # grading a class in processes (autograder.batch.pool, autograder.batch.cluster)
    "pool:grader_failed": "the grader failed: {type}: {message}",
    "pool:dask_failed": "the Dask task failed: {type}: {message}",
    "pool:process_ended": "the grading process {how} while grading this submission",
    "pool:deadline": "grading took longer than {limit:g} s and was stopped",
    "pool:failed_starts": ("{count} grading processes in a row ended before they were ready: see their error output "
                           "above"),
    # said inside the worker, in the grader's language (autograder.sandbox): what the submission may not do
    "sandbox:not_submitted": ("{module} was not part of the submission: only the files you submitted, and "
                              "installed libraries, can be imported"),
    "sandbox:forbidden": "{operator} may not be used in this exercise",
    "sandbox:worker_ended": "the worker {how}",
    "sandbox:malformed_reply": "the worker sent a malformed reply",
    "sandbox:unreadable_reply": "unreadable reply ({detail})",
    "sandbox:runner_not_started": "the runner did not start: {reply}",
    "sandbox:runner_not_running": "the runner is not running",
    "sandbox:runner_silent": "the runner stopped answering{log}",
    "sandbox:runner_gone": "the runner went away",
    "sandbox:runner_no_worker": "the runner could not start a worker: {reply}",
    "sandbox:stopped_by_runner": "the runner stopped it: {reason}",
    "sandbox:over_memory": "it used more than {bound_mb} MiB of memory",
    "sandbox:over_tasks": "it started more than {count} processes or threads",
    "sandbox:wrote_too_much": "it wrote more than {bound_mb} MiB (output or files) and was stopped",
    "sandbox:cpu_time": "it used more than {seconds} s of CPU time and was stopped",
    "sandbox:object_search": "{function}() may not be used in a submission",
    "sandbox:returned_too_large": ("the returned value holds {size_mb} MiB of tensors; the most a function may "
                                   "return is {bound_mb} MiB"),
    "sandbox:returned_too_many_values": ("the returned value nests more than {bound} numbers, strings and lists "
                                         "outside tensors; return tensors"),
    "sandbox:returned_tree_too_large": ("the returned value holds more than {bound_mb} MiB of numbers and strings "
                                        "outside tensors; return tensors"),
    "sandbox:unprintable": "<{type} whose message could not be printed>",
    # a probe's driver refusing the answer (autograder.sandbox.probes), said inside the worker
    "probe:transfer_not_a_model": ("prepare_for_transfer() returned {kind}: return the model (changing it in place "
                                   "is fine, but return it too)"),
    "probe:no_build_lenet": "train.py has no function build_lenet(): train() is graded on the network it builds",
    "probe:no_build_autoencoder": ("autoencoders.py has no function build_autoencoder(): train_autoencoder() is "
                                   "graded on the model it builds"),
    "probe:no_function": "there is no function {function}() to call",
    "probe:not_a_module": "{what} returned {kind}, not an nn.Module: {hint}",
    "probe:return_instance": "return an instance, not the class",
    "probe:return_trained": "return the trained model",
    "probe:no_logits": "the trained model did not return a tensor of logits",
    "probe:logits_shape": "the trained model maps {images} test images to shape {shape}, expected {expected}",
    "probe:trained_autoencoder": "the model train_autoencoder() returned",
    "probe:rebuilt_autoencoder": "the model build_autoencoder() builds, with the trained weights loaded",
    "probe:weights_do_not_fit": ("the trained weights do not fit the model build_autoencoder({latent_dim}) builds "
                                 "({message}): train the model you are given and return it"),
    "probe:no_trained_weights": "the worker sent no trained weights (a dict of tensors) to rebuild the model from",
    "probe:no_codes": "the worker sent no codes of shape {expected} for the {images} test images",
    "probe:no_reconstructions": "the worker sent no reconstructions of the {images} held-out images",
    "probe:no_part": ("{what} has no nn.Module attribute {name} (it is {kind}): the statement asks for "
                      "model.encoder and model.decoder, with model(x) = model.decoder(model.encoder(x))"),
    "probe:encoder_shape": ("the trained model.encoder maps {images} test images to {got}, expected codes of "
                            "shape {expected}"),
    "probe:decoder_shape": "the trained model.decoder maps codes {codes} to {got}, expected images of shape {expected}",
    "probe:kind_class": "the class {name}",
    "probe:kind_object": "a {type}",
    # a submission's status as people read it: in English, the very codes that grades.csv and the JSON keep
    "submission_status:ok": "ok",
    "submission_status:graded": "graded",
    "submission_status:error": "error",
    "submission_status:empty": "empty",
    "submission_status:unreadable": "unreadable",
    "submission_status:rejected": "rejected",
    "submission_status:conflict": "conflict",
    "submission_status:duplicate": "duplicate",
    "release_not_empty": ("{target} is not empty; --force replaces a folder that an earlier `autograder release` "
                          "wrote, and nothing else"),
    "cli:only_where": "--only applies to --nbgrader courses and --gradescope autograders",
    "cli:no_submissions": "no submissions (sub-folders) in {path}",
    "cli:workers_below_one": "--workers must be at least 1",
    "cli:not_a_score": "not a score: {text!r} (a number of points, or 'full')",
    "cli:graded": "{path}: {score:g}/{max_score:g} in {seconds:.1f} s -> {json}",
    "cli:nbgrader_written": ("nbgrader course: {notebooks} source notebooks in {dir}/source; next: cd {dir} && "
                             "nbgrader generate_assignment <module> (the README's steps: \"An nbgrader course\")"),
    "cli:release_written": "student release: {files} files in {dir}",
    "cli:grading": "grading...",
    "list_title": "Exercises",
    "list_module": "module",
    "list_timed": "timed",
    "list_asks": "what it asks",
    "list_total": "{exercises} exercises, {points:g} points",
    # autograder notebooks
    "notebooks_out_of_date": "{path}: out of date",
    "notebooks_written": "{path}: written",
    "notebooks_regenerate": "regenerate them with: autograder notebooks",
    "notebooks_checked": "{count} notebooks checked in {folder}",
    "notebooks_up_to_date": "{count} notebooks up to date in {folder}",
    "notebook_not_implemented": "not implemented yet:",
    # grade-all on the terminal, and the class summary (summary.md, the terminal's table)
    "grade_all_plan": ("{found} submissions in {submissions}: {todo} to grade {where}, {skipped} already graded "
                       "and unchanged, {problems} that cannot be graded"),
    "grade_all_on_dask": "on the Dask scheduler {scheduler}",
    "grade_all_in_processes": "in {processes} processes",
    "grade_all_in_up_to_processes": "in up to {processes} processes (started as the work left warrants)",
    "grade_all_progress": "grading",
    "grade_all_errors": "{errors} errors",
    "grade_all_eta": "{seconds:.1f} s; {rate:.2f}/s, ETA {eta}",
    "grade_all_remaining": "ETA",
    "summary_title": "Autograder: class results",
    "summary_table_title": "Class summary",
    "summary_common_failure": "most common failure",
    "summary_per_student": "Per student",
    "summary_not_graded": "not graded: {status}",
    "summary_more_students": "{count} more students in grades.csv",
    "summary_more_problems": "... and {count} more (see grades.csv)",
    "summary_headline": "{students} students, {graded} graded",
    "summary_headline_not_graded": "not graded: {counts}",
    "summary_headline_scores": "mean {mean}, median {median} out of {max_score}",
    "failure_does_not_import": "{module}.py does not import",
    "failure_does_not_import_as": "{module}.py does not import ({kind})",
    "failure_on_case": "{status} on case \"{case}\"",
    "report_cases": "{passed}/{total} cases",
    # the Markdown summary of one graded submission (grade --summary: a CI step summary)
    "step_summary_title": "Autograder: {score:g} / {max_score:g} points",
    "step_summary_status": "status",
    "step_summary_feedback": "feedback",
    # Gradescope's results.json, which students read on Gradescope
    "gradescope_test_output": "{status}: {feedback}",
    "gradescope_note": "Note: {note}",
    "gradescope_not_graded_output": "Not graded ({status}): {detail}",
    # the student README (README.md in English, LISEZMOI.md in French: the same sentences)
    "readme_title": "Deep-learning exercises",
    # each README points to the other, in the other's language: README.md says this sentence in French
    "readme_language": "In English: [{readme}]({readme}), the statements in `{folder}/`.",
    "readme_intro": ("Each exercise asks for one function, in `{folder}/`. Every module comes twice: as a Python "
                     "file (`{folder}/rnn.py`) and as a Jupyter notebook (`{folder}/rnn.ipynb`) with the same "
                     "stubs, the explanations with their formulas, a worked example and a check cell per exercise. "
                     "Work in whichever you like."),
    "readme_setting_up": "Setting up",
    "readme_torch_versions": "any of PyTorch {oldest} to {newest}",
    "readme_checking": "Checking your work",
    "readme_check_notebook": ("In a notebook: fill in a function, run its cell, then run the check cell under it, "
                              "`from autograder import check; check(\"gru_step\")`. It grades the function as your "
                              "notebook defines it, in a separate process, and shows a table of the cases that "
                              "fail: what was expected, what your function returned, and the smallest failing "
                              "case; each with the line that reruns it in your notebook, "
                              "`from autograder import case; gru_step(**case(\"gru_step\", \"basic\"))`."),
    "readme_check_terminal": ("In a terminal: `{command}` grades every module of `{folder}/` (`--only gru_step` "
                              "for one exercise); it exits 0 only at full marks."),
    "readme_magics": ("Magics (`%time`), cell magics (`%%time`) and shell escapes (`!ls`) are not run when a "
                      "notebook is graded; a cell that raises is reported and the other cells still run. Where "
                      "`rnn.py` and `rnn.ipynb` both hold code, the notebook is graded (the feedback says so): keep "
                      "your answers in one of the two."),
    "readme_on_push": "Grading on push",
    "readme_on_push_text": ("Every push runs `.github/workflows/autograde.yml`: it grades `{folder}/` and shows "
                            "the score in the job's log and summary; the job fails below {required}. This is "
                            "practice: it grades on the public seed, the same cases `check` shows you. Your final "
                            "grade is drawn from a secret seed, on cases you have not seen, so make your functions "
                            "right, not just right on the cases you see."),
    "readme_full_marks": "full marks",
    "readme_points": "{points:g} points",
    "readme_held_out": ("`train_lenet` and `train_autoencoder` are checked here on a fifth of the training images "
                        "held out (the held-out images that grade them stay with your instructor)."),
    "readme_exercises": "The exercises",
    "readme_file": "file",
    # classic mistakes (a spec's ``mistakes``), named where a student's outputs match one on every failing case
    # -- mistakes of specs/basics.py
    "mistake:softmax_ignores_dim": ("softmax is taken over the last dimension whatever `dim` says: normalise "
                                    "along `dim`, so that the values along it sum to 1"),
    "mistake:unbiased_variance": ("the variance is the unbiased one (divided by N - 1): normalisation layers "
                                  "divide by N"),
    "mistake:bias_none_not_handled": ("bias=None (a layer without bias) raises: add the bias only when one is "
                                      "given"),
    "mistake:transpose_reverses_all_axes": ("x.T reverses every axis, which is the transpose only for up to two: "
                                            "multiply over the last axis, x W^T + b, so that any leading axes stay"),
    "mistake:matrices_only": ("torch.mm takes two matrices only: a single vector (in,) or a batch with several "
                              "leading axes (B, T, in) must work too, as with the @ operator"),
    "mistake:weight_not_transposed": ("the weight is stored as (out, in): the layer computes x W^T + b, not x W"),
    "mistake:leading_axes_not_restored": ("the leading axes are flattened into one and not restored: an input of "
                                          "shape (..., in) gives an output of shape (..., out)"),
    "mistake:relu_keeps_negative_part": ("the negative part is kept: ReLU is max(x, 0), which zeroes the negative "
                                         "entries and keeps the positive ones"),
    "mistake:relu_step_function": ("this is the step function 1[x > 0], ReLU's derivative: ReLU returns x itself "
                                   "where x > 0"),
    "mistake:returns_none": ("the function returns None: return the result (changing the input in place is not "
                             "an answer, and alters the caller's tensor)"),
    "mistake:output_flattened": "the output is flattened: return a tensor of the input's shape",
    "mistake:output_in_float32": ("the result comes back as float32 for an input of another dtype (float16, "
                                  "bfloat16, float64): return x's dtype, casting back after computing in float32 "
                                  "and making constants with x's dtype (torch.zeros_like(x))"),
    "mistake:leaky_relu_slope_not_multiplied": ("the negative side returns the slope itself: it is "
                                                "negative_slope * x"),
    "mistake:wrong_default_negative_slope": ("the default negative_slope is not PyTorch's: F.leaky_relu uses "
                                             "0.01 when no slope is given"),
    "mistake:ignores_negative_slope": ("the negative_slope argument is ignored (0.01 is always used): use the "
                                       "slope given"),
    "mistake:leaky_relu_max_shortcut": ("max(x, negative_slope * x) is leaky ReLU only for slopes up to 1: above "
                                        "1 it scales the positive side; choose by the sign of x instead"),
    "mistake:slope_on_positive_side": ("the slope scales the positive side: leaky ReLU keeps x where x > 0 and "
                                       "gives negative_slope * x elsewhere"),
    "mistake:elu_alpha_on_positive_side": ("alpha scales the positive side too: ELU is x where x > 0 and "
                                           "alpha * (exp(x) - 1) elsewhere"),
    "mistake:elu_alpha_outside_parentheses": ("the negative side is alpha * exp(x) - 1: it is alpha * (exp(x) - 1), "
                                              "which tends to -alpha"),
    "mistake:ignores_alpha": "the alpha argument is ignored (1 is always used): use the alpha given",
    "mistake:elu_masks_multiply_inf": ("the two sides are blended by multiplying with 0/1 masks: where exp(x) "
                                       "overflows to inf (x > 88 in float32), inf * 0 is NaN; select each side "
                                       "with torch.where instead"),
    "mistake:elu_missing_minus_one": ("the negative side is alpha * exp(x), which jumps at 0: it is "
                                      "alpha * (exp(x) - 1)"),
    "mistake:sigmoid_clamps_input": ("x is clamped before the exponential: sigmoid(-20) is 2e-9, not "
                                     "sigmoid(-10) = 4.5e-5; take exp only of -|x|, which never overflows, "
                                     "instead of clamping"),
    "mistake:sigmoid_exp_over_one_plus_exp": ("exp(x) / (1 + exp(x)) is inf / inf = NaN once exp(x) overflows "
                                              "(x > 88 in float32): use a form that takes exp only of -|x|"),
    "mistake:sigmoid_overflows_in_half": ("1 / (1 + exp(-x)) in float16 overflows already at x < -11.09 and gives "
                                          "0 where sigmoid is still 1.5e-5: take exp only of -|x|, or compute "
                                          "half precision in float32 and cast back"),
    "mistake:sigmoid_tanh_without_half": ("(1 + tanh(x)) / 2 is not the sigmoid: the identity is "
                                          "sigmoid(x) = (1 + tanh(x / 2)) / 2"),
    "mistake:softmax_global_max_shift": ("the shift uses the maximum of the whole tensor: a slice far below it "
                                         "underflows to 0 / 0; subtract each slice's own maximum along `dim`"),
    "mistake:softmax_without_max_shift": ("exp(x) overflows (x > 88 in float32) and inf / inf is NaN: subtract "
                                          "each slice's maximum along `dim` before the exponential"),
    "mistake:softmax_shift_by_mean": ("the shift by the mean still lets exp overflow in a slice that spans a wide "
                                      "range: subtract each slice's maximum along `dim`"),
    "mistake:sum_without_keepdim": ("the sum drops the reduced axis, so it broadcasts against the wrong axis (or "
                                    "raises): keep it with keepdim=True"),
    "mistake:mse_divides_by_first_axis": ("the sum is divided by len(y), the size of the first axis only: the "
                                          "mean is over every element (y.numel()), and a 0-dim y has no len"),
    "mistake:returns_python_float": ("the result is a Python float (.item()): return a 0-dim tensor, which "
                                     "keeps the dtype and the autograd graph"),
    "mistake:root_mean_squared_error": "this is the root of the mean squared error (RMSE): the MSE has no root",
    "mistake:mse_square_of_mean_error": ("the mean error is squared, so positive and negative errors cancel: "
                                         "square each error first, then average"),
    "mistake:loss_summed_not_averaged": ("the losses are summed over the elements: the loss is their mean, "
                                         "over every element"),
    "mistake:bce_clamps_terms_not_logs": ("each weighted term is clamped rather than each log: 0 * log(0) is "
                                          "already NaN, and 0.3 * log(0) becomes -100; clamp log(y_hat) and "
                                          "log(1 - y_hat) at -100 before multiplying by y and 1 - y"),
    "mistake:bce_clamps_probabilities": ("y_hat is clamped to [eps, 1 - eps]: a certain and wrong prediction "
                                         "then costs -log(eps) (16.1 for 1e-7) instead of 100; clamp the logs "
                                         "at -100 instead"),
    "mistake:bce_logs_not_clamped": ("the logs are not clamped: log(0) = -inf makes the loss inf, and 0 * -inf is "
                                     "NaN; clamp log(y_hat) and log(1 - y_hat) at -100, as PyTorch does"),
    "mistake:bce_swapped_terms": ("the terms are swapped: the loss is -(y log(y_hat) + (1 - y) log(1 - y_hat)), "
                                  "y paired with log(y_hat)"),
    "mistake:bias_not_updated": ("the bias is returned unchanged: it takes a step too, b - lr * dL/db, with "
                                 "dL/db = 2 / (N K) times the sum of the residuals over the samples"),
    "mistake:gradient_ascent": ("the step goes along the gradient, which increases the loss: descent subtracts "
                                "lr times the gradient"),
    "mistake:half_mse_gradient": ("the step is half as long: the gradient of the mean squared error carries a "
                                  "factor 2 (2 / (N K) x^T r, r = x w + b - y)"),
    "mistake:gradient_mean_over_samples_only": ("the mean is taken over the N samples only: F.mse_loss averages "
                                                "over all N * K entries of y, so the gradient carries 2 / (N K)"),
    "mistake:gradient_of_summed_loss": ("this is the gradient of the summed squared error: the loss is a mean, so "
                                        "the gradient carries 2 / (N K), N K the number of entries of y"),
    "mistake:batch_norm_batch_axis_only": ("the statistics are taken over the batch axis only: for (N, C, H, W) "
                                           "each channel has one mean and variance, over the N, H and W axes"),
    "mistake:eps_added_to_std": ("eps is added to the standard deviation: it goes under the root, "
                                 "(x - mean) / sqrt(var + eps)"),
    "mistake:eps_subtracted_from_variance": ("eps is subtracted from the variance (NaN on a constant channel): it "
                                             "is added, (x - mean) / sqrt(var + eps)"),
    "mistake:normalised_per_sample": ("each sample is normalised over its own features (layer norm): batch norm "
                                      "normalises each channel over the batch (and the H and W axes)"),
    # -- mistakes of specs/cnn.py
    "mistake:output_size_rounded_up": ("the output size is rounded up, keeping a partial window at the end: PyTorch "
                                       "rounds down, out = floor((size + 2 * padding - span) / stride) + 1"),
    "mistake:dilated_span_too_wide": ("a dilated kernel spans dilation * (kernel_size - 1) + 1 positions, not "
                                      "dilation * kernel_size: its taps are dilation apart, the last ends the span"),
    "mistake:ignores_dilation": ("the dilation is left out: a kernel whose taps are dilation apart spans "
                                 "dilation * (kernel_size - 1) + 1 positions"),
    "mistake:zero_stride_not_refused": ("a stride of 0 is not checked, so it divides by zero: raise ValueError for "
                                        "a stride below 1, as for the other arguments"),
    "mistake:impossible_configuration_accepted": ("impossible configurations get a size: raise ValueError where "
                                                  "a size, stride or dilation is below 1, the padding is negative "
                                                  "or the dilated kernel is longer than the padded input"),
    "mistake:padding_counted_once": ("the padding is counted once: it applies at both ends of the axis, so the "
                                     "length changes by 2 * padding"),
    "mistake:returns_float": ("the answer is a float (true division with /): use integer division // so that it "
                              "is an int, as PyTorch's sizes and counts are"),
    "mistake:empty_output_accepted": ("a length below 1 is returned: PyTorch refuses an empty output, raise "
                                      "ValueError when (size - 1) * stride - 2 * padding + dilation * (kernel_size "
                                      "- 1) + output_padding + 1 is below 1"),
    "mistake:empty_check_before_output_padding": ("the empty-output check comes before output_padding is added: "
                                                  "the length with the output padding is the one that must be at "
                                                  "least 1"),
    "mistake:output_padding_not_checked": ("output_padding is not checked: PyTorch refuses one that is at least "
                                           "max(stride, dilation), raise ValueError there"),
    "mistake:output_padding_check_or": ("output_padding is refused when it reaches the stride or the dilation: "
                                        "PyTorch refuses it only when it reaches both, output_padding >= "
                                        "max(stride, dilation)"),
    "mistake:ignores_groups": ("the groups are ignored: each output channel sees in_channels / groups input "
                               "channels, a weight of shape (out_channels, in_channels / groups, kH, kW)"),
    "mistake:groups_not_validated": ("groups that are below 1 or do not divide both channel counts are accepted: "
                                     "raise ValueError, as nn.Conv2d does"),
    "mistake:one_bias_in_all": "the bias holds one value per output channel (out_channels of them), not one in all",
    "mistake:kernel_pair_read_as_square": ("a kernel pair (kH, kW) is read as a square of its first entry: each "
                                           "filter holds kH * kW weights per input channel"),
    "mistake:bias_on_last_axis": ("the bias is broadcast against the last axis (the width): it holds one value "
                                  "per output channel, add it along the channel axis, as shape (C_out, 1, 1)"),
    "mistake:flipped_kernel": ("the kernel is flipped, as in the textbook convolution: PyTorch's conv2d is a "
                               "cross-correlation, weight[..., 0, 0] meets each window's top-left value"),
    "mistake:groups_interleaved": ("the groups take interleaved channels (g, g + groups, ...): group g takes the "
                                   "contiguous block of C_in / groups channels starting at g * C_in / groups"),
    "mistake:padding_on_one_side": ("all the padding is on one side (2 * padding at one end): PyTorch pads each "
                                    "axis by padding at both ends (a transposed convolution crops both ends), else "
                                    "every window is shifted"),
    "mistake:pair_first_entry_only": ("a (height, width) pair is read as its first entry for both axes: stride, "
                                      "padding and dilation pairs give the height's value first, the width's second"),
    "mistake:pair_read_as_width_height": ("a pair is read as (width, height): PyTorch's pairs are (height, width), "
                                          "the first entry applies to the rows"),
    "mistake:stride_defaults_to_one": ("stride=None means a stride equal to the kernel size (windows that tile the "
                                       "input), not 1"),
    "mistake:max_pool_zero_padding": ("the padding holds zeros, so a window of negative values at the border gives "
                                      "0: max pooling pads with -inf, padding never wins a maximum"),
    "mistake:padding_excluded_from_mean": ("each window is divided by the count of its input values "
                                           "(count_include_pad=False): by default the padded zeros count, divide "
                                           "every window by kH * kW"),
    "mistake:padding_ignored": "the padding is never applied: pad each axis with padding zeros at both ends first",
    "mistake:square_kernel_divisor": ("each window is divided by the kernel's first side squared: divide by kH * kW, "
                                      "which differ for a kernel pair"),
    "mistake:transpose_kernel_not_flipped": ("computed as a convolution over the zero-spread input, the kernel must "
                                             "be flipped (and its channel axes swapped): unflipped, each tap lands "
                                             "mirrored"),
    "mistake:padding_grows_output": ("padding crops a transposed convolution's output (padding rows and columns "
                                     "off each end), it does not add zeros around it"),
    "mistake:weight_read_as_out_in": ("the weight is read as a convolution's (C_out, C_in, kH, kW): "
                                      "nn.ConvTranspose2d stores it as (C_in, C_out, kH, kW)"),
    "mistake:depthwise_channels_summed": ("each depthwise filter sees every input channel summed, as an ordinary "
                                          "convolution would: a depthwise filter sees only its own channel "
                                          "(groups = C), the 1x1 step mixes them"),
    "mistake:depth_multiplier_interleaved": ("with M filters per channel, filter k belongs to input channel k // M "
                                             "(filters c*M to c*M + M - 1 are channel c's), not to k % C"),
    "mistake:pointwise_strided": ("the stride is applied twice: it belongs to the depthwise step only, the 1x1 "
                                  "pointwise step keeps every position (stride 1, no padding)"),
    "mistake:depthwise_bias_forgotten": ("the depthwise layer's bias is left out: with bias=True both layers have "
                                         "one, in_channels numbers for the depthwise one, out_channels for the "
                                         "pointwise one"),
    "mistake:depthwise_counted_as_full": ("the depthwise layer is counted as an ordinary in -> in convolution: "
                                          "with groups = in_channels each filter sees one channel, in_channels * "
                                          "kH * kW weights in all"),
    "mistake:depthwise_groups_not_validated": ("in_channels below 1 gets a count: the depthwise layer's groups = "
                                               "in_channels must be positive, raise ValueError as nn.Conv2d does"),
    # -- mistakes of specs/train.py
    "mistake:softmax_output": ("the network ends with a softmax: return one raw logit per class, "
                               "nn.CrossEntropyLoss applies the softmax itself"),
    "mistake:log_softmax_output": ("the network ends with a log-softmax (what nn.NLLLoss expects): return one raw "
                                   "logit per class, for nn.CrossEntropyLoss"),
    "mistake:num_classes_hard_coded": ("the last layer has 10 outputs whatever num_classes: end with "
                                       "Linear(84, num_classes)"),
    "mistake:lenet_missing_hidden_linear": ("a hidden Linear layer is missing: LeNet-5's classifier is 400 -> 120 -> "
                                            "84 -> num_classes, with a ReLU after each hidden layer"),
    # -- mistakes of specs/transfer.py
    "mistake:backbone_not_frozen": ("the backbone is not frozen: set requires_grad = False on every pretrained "
                                    "parameter, so that only the new head trains"),
    "mistake:new_head_frozen": ("the new head is frozen too (frozen after it was made): freeze the backbone first, "
                                "then set the new fc, whose parameters require gradients"),
    "mistake:head_in_features_hard_coded": ("the new head's input size is hard-coded: read model.fc.in_features (512 "
                                            "for resnet18, 2048 for bottleneck ResNets)"),
    "mistake:head_not_replaced": ("model.fc is kept, with ImageNet's 1000 outputs: replace it with a new "
                                  "nn.Linear(model.fc.in_features, num_classes)"),
    "mistake:replaces_classifier_not_fc": ("model.classifier is VGG's and AlexNet's head: a ResNet's head is "
                                           "model.fc, replace that one"),
    # -- mistakes of specs/rnn.py
    "mistake:gru_swapped_update_gate": ("the update gate is swapped: h' = (1 - z) * n + z * h keeps the old state "
                                        "where z is near 1"),
    "mistake:gru_gate_order_zrn": ("the gate blocks are read as z, r, n: PyTorch stacks the GRU's weight rows in the "
                                   "order r (reset), z (update), n (candidate)"),
    "mistake:gru_reset_before_matmul": ("the reset gate multiplies h before the product: PyTorch computes "
                                        "n = tanh(W_in x + b_in + r * (W_hn h + b_hn))"),
    "mistake:gru_reset_skips_hidden_bias": ("b_hn is added outside the reset gate: PyTorch computes "
                                            "n = tanh(W_in x + b_in + r * (W_hn h + b_hn)), the bias inside"),
    "mistake:gru_sigmoid_candidate": ("the candidate n goes through a sigmoid: it is a tanh, "
                                      "n = tanh(W_in x + b_in + r * (W_hn h + b_hn)), with values in (-1, 1)"),
    "mistake:ignores_biases": "the biases are never added: add each bias that is given (those that are not None)",
    "mistake:ignores_bias_hh": ("bias_hh is never added: PyTorch's cells have two biases, "
                                "h' = tanh(W_ih x + b_ih + W_hh h + b_hh)"),
    "mistake:weights_not_transposed": ("a weight is used untransposed: PyTorch stores it as (out_features, "
                                       "in_features), so a layer computes x @ W.T (F.linear), not x @ W"),
    "mistake:none_bias_added": ("a bias given as None is added anyway (TypeError): the biases are optional, "
                                "add each one only when it is not None"),
    "mistake:batch_dim_assumed": ("an unbatched input (no batch dimension) makes it fail: count dimensions from the "
                                  "end (dim=-1, shape[-1]) so that one sample works as well as a batch"),
    "mistake:unbatched_keeps_batch_dim": ("an unbatched input gives an output with a batch dimension of one: for x of "
                                          "shape (I,) return shape (H,), as PyTorch's cells do"),
    "mistake:rnn_relu_instead_of_tanh": ("the nonlinearity is ReLU: this cell is "
                                         "h' = tanh(W_ih x + b_ih + W_hh h + b_hh)"),
    "mistake:lstm_gate_order_ifog": ("the gate blocks are read as i, f, o, g: PyTorch stacks the LSTM's weight rows "
                                     "in the order i, f, g, o (input, forget, cell candidate, output)"),
    "mistake:lstm_forget_bias_plus_one": ("1 is added to the forget gate: f = sigmoid(W_if x + b_if + W_hf h + b_hf) "
                                          "as it stands; a forget bias of 1 is an initialisation, held in the biases"),
    "mistake:lstm_no_tanh_on_cell": "the new cell state is not squashed: h' = o * tanh(c'), not o * c'",
    "mistake:lstm_returns_c_then_h": ("the pair is returned as (c', h'): LSTMCell returns (h', c'), "
                                      "the hidden state first"),
    "mistake:sequence_read_batch_first": ("x is read as (B, T, I): without batch_first, nn.GRU takes x as (T, B, I), "
                                          "steps along dim 0 and returns output as (T, B, H)"),
    "mistake:state_not_carried": ("every step starts from h0: each step's new state is the hidden state the next "
                                  "step starts from"),
    "mistake:h_n_is_first_state": ("h_n is the state after the first step: it is the state after the last step, "
                                   "output[-1], kept as (1, B, H)"),
    "mistake:h_n_without_layer_dim": ("h_n lacks the layer dimension: nn.GRU returns it as (num_layers, B, H), "
                                      "here (1, B, H)"),
    "mistake:output_includes_h0": ("output starts with h0: it holds the T states after each step, shape (T, B, H), "
                                   "not the initial state"),
    # -- mistakes of specs/attention.py
    "mistake:missing_sqrt_d_scaling": ("the scores are not scaled: softmax(Q K^T / sqrt(E)) V divides by the square "
                                       "root of the query width E (or multiplies by `scale` when it is given)"),
    "mistake:ignores_scale_argument": ("the `scale` argument is ignored: use it when given, and 1/sqrt(E) only when "
                                       "it is None"),
    "mistake:scale_by_query_length": ("the scores are scaled by 1/sqrt(L), the number of queries: the default is "
                                      "1/sqrt(E), E the width of query and key (query.shape[-1])"),
    "mistake:scale_by_value_width": ("the scores are scaled by 1/sqrt(Ev), the width of value: the default is "
                                     "1/sqrt(E), E the width of query and key (query.shape[-1])"),
    "mistake:softmax_over_queries": ("the softmax is taken over the queries (dim -2): each query's weights over the "
                                     "keys must sum to 1, so take it over the last dim of the (..., L, S) scores"),
    "mistake:ignores_is_causal": ("`is_causal` is ignored: when it is True, query i may attend only to keys j <= i "
                                  "(the scores above the diagonal set to -inf before the softmax)"),
    "mistake:causal_mask_bottom_right": ("the causal mask is aligned at the bottom-right corner: PyTorch aligns it "
                                         "top-left, query i sees the keys j <= i, also when L != S"),
    "mistake:inverted_bool_mask": ("the boolean mask is read the wrong way round: in attn_mask, True marks a pair "
                                   "that takes part and False one left out"),
    "mistake:bool_mask_added": ("a boolean mask is added as numbers (1 and 0): it selects, so the pairs where it is "
                                "False get -inf before the softmax; only a float mask is added"),
    "mistake:bool_mask_after_softmax": ("the boolean mask is applied after the softmax, so the weights no longer sum "
                                        "to 1: set the left-out scores to -inf before the softmax"),
    "mistake:float_mask_ignored": ("a float attn_mask is ignored: it is added to the scores before the softmax "
                                   "(a boolean one selects pairs)"),
    "mistake:float_mask_multiplied": ("the scores are multiplied by a float mask: a float attn_mask is added to the "
                                      "scores before the softmax"),
    "mistake:key_transposed_with_T": ("key.T reverses every dimension of a batched key: transpose only the last "
                                      "two, so that (..., S, E) becomes (..., E, S)"),
    "mistake:bmm_three_dims_only": ("torch.bmm and transpose(1, 2) work on (B, L, E) only: use @ (which broadcasts "
                                    "over any leading dims) and transpose(-2, -1)"),
    "mistake:scale_by_embed_dim": ("the scores are scaled by 1/sqrt(E), the full width: each head scales by "
                                   "1/sqrt(d), d = E // num_heads the width of one head"),
    "mistake:single_head": ("num_heads is ignored: split the E features into num_heads heads of d = E // num_heads, "
                            "attend in each head separately (scaled by 1/sqrt(d)), then merge them"),
    "mistake:heads_split_without_transpose": ("the heads are split by a plain reshape to (B, heads, L, d), which mixes "
                                              "positions and features: view as (B, L, heads, d), then transpose(1, 2)"),
    "mistake:heads_merged_in_wrong_order": ("the heads are merged in the wrong order: bring (B, heads, L, d) back to "
                                            "(B, L, heads, d), then flatten to (B, L, E), head after head"),
    "mistake:qkv_order_swapped": ("the stacked projections are taken in the wrong order: in_proj_weight stacks the "
                                  "query, key and value rows in that order, q, k, v"),
    "mistake:missing_out_projection": ("the output projection is missing: the merged heads go through "
                                       "out_proj_weight and out_proj_bias"),
    "mistake:inverted_padding_mask": ("key_padding_mask is read the wrong way round: in it, True marks padding, a "
                                      "key to leave out (the opposite of a boolean attn_mask)"),
    "mistake:padding_mask_on_queries": ("key_padding_mask hides queries (rows of the scores): it marks keys, so it "
                                        "hides columns, (B, L) as (B, 1, 1, L) against the (B, heads, L, L) scores"),
    "mistake:swapped_sin_cos": ("sines and cosines are swapped: the even columns 2i hold sin(pos / 10000^(2i/d_model)) "
                                "and the odd ones 2i + 1 the cosines"),
    "mistake:positions_from_one": "positions start at 1: they run from 0 to seq_len - 1, so row 0 is (0, 1, 0, 1, ...)",
    "mistake:pe_concatenated_halves": ("sines and cosines are in two halves: they alternate, sines in the even "
                                       "columns and cosines in the odd ones"),
    "mistake:pe_exponent_per_column": ("each column takes its exponent from its own index: the pair 2i, 2i + 1 shares "
                                       "one frequency, 1 / 10000^(2i / d_model)"),
    "mistake:returns_float64": "the table is returned as float64: return it as float32",
    "mistake:odd_d_model_not_handled": ("an odd d_model makes it fail: it has one sine column more than cosine "
                                        "columns, so the last frequency has no cosine"),
    "mistake:eps_outside_sqrt": ("eps is added to the standard deviation: it goes inside the root, "
                                 "(x - mean) / sqrt(var + eps)"),
    "mistake:bert_eps_default": "eps defaults to 1e-12: PyTorch's layer norm defaults to eps=1e-5",
    "mistake:normalises_last_dim_only": ("only the last dimension is normalised: the mean and variance are taken "
                                         "over all the trailing dims that normalized_shape names"),
    "mistake:naive_variance": ("the variance as E[x^2] - E[x]^2 loses its digits to cancellation when the mean is "
                               "large: compute it from the centred values, mean((x - mean)^2)"),
    "mistake:int_normalized_shape_not_handled": ("an int normalized_shape makes it fail: it may be an int (one "
                                                 "dimension) as well as a tuple; turn an int n into (n,) first"),
    "mistake:pre_norm_instead_of_post_norm": ("the norms come first (pre-norm): nn.TransformerEncoderLayer is "
                                              "post-norm by default, x = norm1(x + attention(x)), then "
                                              "norm2(x + ff(x))"),
    "mistake:swapped_norms": ("norm1 and norm2 are swapped: norm1 follows the attention block and norm2 the "
                              "feed-forward block"),
    "mistake:second_residual_from_input": ("the feed-forward residual adds the layer's input: it adds its own input, "
                                           "the first norm's output y, as norm2(y + ff(y))"),
    "mistake:gelu_instead_of_relu": "the feed-forward block uses GELU: the layer's default activation is ReLU",
    "mistake:ignores_padding_mask": ("the padding mask is not used: pass it to the attention as key_padding_mask, so "
                                     "that no query attends to padding"),
    "mistake:padded_rows_zeroed": ("the outputs at padding positions are zeroed: the layer computes them like any "
                                   "other position (the mask only hides padding keys)"),
    # -- mistakes of specs/nlp.py
    "mistake:vocabulary_sorted_ignoring_case": ("the vocabulary is sorted ignoring case: use sorted()'s own order, "
                                                "by code point, where capitals come first (\"The\" < \"cat\" < "
                                                "\"the\")"),
    "mistake:vocabulary_sorted_without_accents": ("the vocabulary is in dictionary order, accents stripped: use "
                                                  "sorted()'s own order, by code point, where \"é\" comes after "
                                                  "\"z\""),
    "mistake:vocabulary_in_appearance_order": ("the vocabulary is in order of first appearance: it must be sorted "
                                               "(sorted() order), and the columns follow it"),
    "mistake:tokens_lowercased": ("the tokens are lower-cased: words are compared exactly, so \"The\" and "
                                  "\"the\" are two terms"),
    "mistake:df_counts_occurrences": ("df counts every occurrence of a word: it is the number of documents that "
                                      "contain it, each counted once"),
    "mistake:tf_over_distinct_words": ("tf divides a count by the number of distinct words of the document: divide "
                                       "by its length, every token counted"),
    "mistake:tf_raw_counts": "tf is the raw count: divide it by the document's length (its number of tokens)",
    "mistake:nan_for_empty_document": ("an empty document gives 0 / 0 = NaN: its row must be zeros, so guard its "
                                       "length of 0"),
    "mistake:idf_log10": "idf uses the base-10 logarithm: it is the natural log, ln(N / df)",
    "mistake:idf_log2": "idf uses the base-2 logarithm: it is the natural log, ln(N / df)",
    "mistake:idf_floor_division": ("idf takes N // df, which truncates the ratio: it is ln(N / df) with a true "
                                   "division"),
    "mistake:smoothed_idf": ("idf is scikit-learn's smoothed ln((1 + N) / (1 + df)) + 1: the exercise's is "
                             "ln(N / df), 0 for a word in every document"),
    "mistake:tfidf_float32": "the values are right but in float32 (torch.tensor's default dtype): return float64",
    "mistake:tfidf_matrix_as_lists": "the matrix is a list of lists: return a tensor of shape (N, V)",
    "mistake:no_documents_accepted": ("no documents at all returns an empty matrix: N = 0 has no idf, so raise "
                                      "ValueError"),
    "mistake:empty_vocabulary_rejected": ("a corpus of empty documents raises: its vocabulary is empty and the "
                                          "answer an (N, 0) matrix"),
    "mistake:presence_not_counts": ("each entry is 1 when the word occurs: count its occurrences in the document "
                                    "instead"),
    "mistake:bow_counts_not_int64": ("the counts are right but in float32 (torch.zeros' default dtype): counts "
                                     "are int64"),
    "mistake:no_documents_not_2d": ("no documents at all gives a tensor of shape (0,): the matrix is always "
                                    "2-D, (0, 0) here"),
    "mistake:cosine_default_dim_1": ("dim defaults to 1, as F.cosine_similarity's does: the exercise's default is "
                                     "the last dimension, dim=-1"),
    "mistake:cosine_ignores_dim": ("the last dimension is reduced whatever `dim` says: take the dot product and "
                                   "the norms along `dim`"),
    "mistake:cosine_eps_clamps_product": ("eps clamps the product of the norms (PyTorch's formula before 2.0): "
                                          "clamp each norm on its own, a / max(|a|, eps) . b / max(|b|, eps)"),
    "mistake:cosine_missing_eps": ("no eps: a zero vector gives 0 / 0 = NaN, and a norm below eps must be "
                                   "clamped to eps, each norm on its own"),
    "mistake:normalised_before_broadcast": ("a and b are normalised in their own shapes, then broadcast: "
                                            "broadcast them first, so that a size-1 dimension along `dim` is "
                                            "repeated before its norm is taken"),
    "mistake:tokens_letters_only": ("the tokens are runs of letters only: digits are dropped, and letters outside "
                                    "French's (ñ, ß, Greek) kept; a token is a run of a-z, 0-9 and the French "
                                    "accented letters"),
    "mistake:text_not_nfc_normalised": ("the text is not NFC-normalised: an \"é\" written as \"e\" plus a "
                                        "combining accent (U+0301) splits the word in two; apply Unicode's NFC "
                                        "normalisation (unicodedata) first"),
    "mistake:tokens_split_on_whitespace": ("the text is split on whitespace, so apostrophes and hyphens stay inside "
                                           "words (\"l'école\", \"peut-être\"): every character other than a "
                                           "letter, an accented letter or a digit separates tokens"),
    "mistake:misses_last_ngram": ("the last n-gram is missing: L tokens have L - n + 1 n-grams, starting at "
                                  "positions 0 to L - n included"),
    "mistake:ngram_size_not_checked": "n < 1 returns an empty list: it must raise ValueError",
    # -- mistakes of specs/embeddings.py
    "mistake:pairs_keyed_by_centre_word": ("the pairs are kept by centre word, so a word seen twice keeps one "
                                           "pair: give one pair per position, in order"),
    "mistake:context_includes_centre": ("the context holds the centre word: it is the C words before it and the "
                                        "C words after it, 2C words"),
    "mistake:context_nearest_first": ("the context is ordered by distance from the centre: give the C words "
                                      "before it, left to right, then the C words after it"),
    "mistake:window_not_checked": "a window below 1 gives pairs: it must raise ValueError",
    "mistake:misses_last_window": ("the last position with a full window has no pair: centres run from C to "
                                   "len(tokens) - C - 1 included"),
    "mistake:partial_windows_at_ends": ("positions near the ends get clipped contexts: only positions with C "
                                        "words on each side make a pair"),
    "mistake:context_vector_float64": "the values are right but in float64: return float32",
    "mistake:context_words_deduplicated": ("a word repeated in the context counts once: average the one-hot "
                                           "vectors of every context word, so that it counts twice"),
    "mistake:unknown_words_skipped": ("a word missing from the vocabulary is skipped: looking it up must raise "
                                      "KeyError"),
    "mistake:vocabulary_sorted_for_positions": ("the positions follow the sorted vocabulary: word i of "
                                                "`vocabulary`, in its given order, is position i"),
    "mistake:context_summed_not_averaged": ("the context's vectors are summed: CBOW takes their mean, the sum "
                                            "divided by the number of context words (2C)"),
    "mistake:cbow_output_bias_ignored": "output_bias is never added: the logits are h @ W.T + b",
    "mistake:cbow_mean_over_axis_0": ("the mean is over axis 0, the batch for a batch of contexts: average over "
                                      "the context axis, dim=-2 of the (..., 2C, D) embedding rows"),
    "mistake:cbow_returns_probabilities": ("the output is softmax of the logits: return the logits themselves, "
                                           "(..., V)"),
    "mistake:cbow_tied_weights": ("the words are scored with the input embedding: the logits use "
                                  "output_weight, h @ W.T + b"),
    "mistake:untransposed_output_weight": ("output_weight is used as stored: it is (V, D) as nn.Linear keeps it, "
                                           "so the logits are h @ W.T + b"),
    # -- mistakes of specs/audio.py
    "mistake:stft_centered": ("the signal is padded by n_fft // 2 samples on each side (torch.stft's center=True): "
                              "without centring, frame k starts at sample k * hop_length"),
    "mistake:stft_full_spectrum": ("all n_fft FFT bins are kept: a real signal's spectrum is symmetric, keep the "
                                   "n_fft // 2 + 1 bins from 0 Hz to the Nyquist frequency (a real FFT)"),
    "mistake:stft_misses_last_frame": ("one frame short: L samples hold 1 + (L - n_fft) // hop_length frames, the "
                                       "last one starting at or before L - n_fft"),
    "mistake:stft_ignores_window": ("the window given is not the one applied: multiply each frame by `window` "
                                    "(no window at all, all ones, when it is None)"),
    "mistake:power_not_magnitude": "the power |X|^2 is returned: the magnitude is |X|, its square root",
    "mistake:stft_frames_before_frequencies": ("the result is laid out (..., frames, frequencies): the spectrogram "
                                               "is (..., n_fft // 2 + 1, frames), one column per frame"),
    "mistake:slaney_mel_scale": ("the mel scale is Slaney's (librosa's default, linear below 1 kHz): HTK's is "
                                 "mel = 2595 log10(1 + f / 700), with corners spaced evenly on it"),
    "mistake:mel_corners_linear_in_hz": ("the filters' corners are spaced evenly in Hz: space the n_mels + 2 corners "
                                         "evenly in mel, from mel(f_min) to mel(f_max), then convert them to Hz"),
    "mistake:mel_f_max_sample_rate": ("f_max defaults to the sample rate: the highest frequency an FFT holds, and "
                                      "f_max's default, is the Nyquist frequency sample_rate // 2"),
    "mistake:mel_nyquist_not_integer": ("the top bin (or the default f_max) is sample_rate / 2: as torchaudio, the "
                                        "bins run from 0 to sample_rate // 2 (integer division; 5512 for 11025 Hz)"),
    "mistake:mel_filters_peak_normalised": ("each filter is rescaled to a peak of exactly 1: the triangles are left "
                                            "unnormalised, weights interpolated between the corners"),
    "mistake:mel_filterbank_transposed": ("the bank is (n_mels, n_freqs), librosa's layout: return (n_freqs, n_mels), "
                                          "one column per filter, as torchaudio"),
    "mistake:dct_row0_not_scaled": ("row 0 is scaled by sqrt(2 / n_in) like the others: the orthonormal DCT-II "
                                    "scales row 0 by sqrt(1 / n_in) and the rows k >= 1 by sqrt(2 / n_in), so "
                                    "that every row has norm 1"),
    "mistake:dct_transposed": ("the matrix is transposed, (n_in, n_out) with one basis vector per column as "
                               "torchaudio's create_dct: return (n_out, n_in), row k = basis vector k"),
    "mistake:dct_not_orthonormal": ("the DCT lacks its orthonormal scales (2 cos(...) on every row, as scipy's "
                                    "norm=None): scale row 0 by sqrt(1 / n_mels) and the others by "
                                    "sqrt(2 / n_mels)"),
    "mistake:magnitude_not_power": ("the mel filters are applied to the magnitude |X|: MFCCs take the mel "
                                    "energies of the power spectrum |X|^2"),
    "mistake:frames_not_windowed": ("the frames are not windowed (a rectangular window leaks energy into every "
                                    "band): multiply each frame by a periodic Hann window of n_fft points before "
                                    "the FFT"),
    # -- mistakes of specs/diffusion.py
    "mistake:hardcoded_schedule_constants": ("the schedule ignores its arguments and uses the paper's constants: use "
                                             "the beta_start and beta_end (linear) or s and max_beta (cosine) given"),
    "mistake:swapped_beta_ends": ("the ends are swapped: the betas rise from beta_start at t = 0 to beta_end at "
                                  "t = T - 1"),
    "mistake:schedule_end_exclusive": ("beta_end is never reached (a step of (beta_end - beta_start) / T, as arange "
                                       "or T + 1 points with the last dropped give): the T betas include both ends, "
                                       "a step of (beta_end - beta_start) / (T - 1)"),
    "mistake:single_step_divides_by_zero": ("a one-step schedule divides by T - 1 = 0: with timesteps = 1 the "
                                            "schedule is just [beta_start]"),
    "mistake:schedule_left_in_float64": "the values are right but float64: return the betas in float32",
    "mistake:cosine_without_offset": ("the offset s is missing: f(t) = cos^2((t / T + s) / (1 + s) * pi / 2) keeps "
                                      "the first betas from being vanishingly small"),
    "mistake:cosine_not_squared": "f(t) is the cosine squared: f(t) = cos^2((t / T + s) / (1 + s) * pi / 2)",
    "mistake:alpha_bar_not_normalised": ("abar(t) is not divided by f(0): abar(t) = f(t) / f(0), so that abar(0) = 1 "
                                         "and the first beta is 1 - f(1) / f(0)"),
    "mistake:schedule_off_by_one_step": ("the schedule is off by one step: beta_t = 1 - abar(t) / abar(t - 1) for "
                                         "t = 1 .. T, so the first beta is not 0 and the last one is beta_T"),
    "mistake:returns_alpha_bar": ("abar(t), the cumulative product, is returned: return the betas, "
                                  "beta_t = 1 - abar(t) / abar(t - 1), capped at max_beta"),
    "mistake:clips_alpha_bar_not_beta": ("abar(t) is capped instead of beta_t: compute the betas from the uncapped "
                                         "abar, then cap each beta at max_beta"),
    "mistake:betas_not_clipped": ("the betas are not capped: the last one reaches 1; cap each beta at max_beta "
                                  "(min(beta_t, max_beta))"),
    "mistake:cosine_schedule_in_float32": ("computed in float32: near t = T the cosine is tiny and the late betas "
                                           "lose digits; compute in float64 and return float32"),
    "mistake:missing_sqrt_on_alpha_bar": ("the square roots on alpha-bar are missing: x_t = sqrt(abar_t) x0 + "
                                          "sqrt(1 - abar_t) noise (abar_t and 1 - abar_t are variances, not scales)"),
    "mistake:noise_coefficient_missing_sqrt": ("the noise is scaled by 1 - abar_t, its variance: its scale is "
                                               "sqrt(1 - abar_t)"),
    "mistake:one_minus_sqrt_alpha_bar": "the noise is scaled by 1 - sqrt(abar_t): its scale is sqrt(1 - abar_t)",
    "mistake:swapped_signal_and_noise_scales": ("the scales are swapped: sqrt(abar_t) scales x0 and "
                                                "sqrt(1 - abar_t) the noise"),
    "mistake:t_read_as_one_based": ("t is read as 1-based (index t - 1): steps are 0-based, step t uses entry t of "
                                    "the schedule, and t = 0 is the first step (index -1 wraps round to the last)"),
    "mistake:cumprod_of_alphas_cumprod": ("the cumulative product is taken again: alphas_cumprod already holds "
                                          "abar_t, index it with t"),
    "mistake:coefficients_shaped_for_images_only": ("the coefficients are shaped (B, 1, 1, 1), which fits images "
                                                    "only: shape them (B, 1, ..., 1), one 1 for each dimension after "
                                                    "the batch"),
    "mistake:coefficients_broadcast_on_last_axis": ("the (B,) per-item values broadcast along the last axis: shape "
                                                    "them (B, 1, ..., 1) so that each batch item gets its own"),
    "mistake:result_always_float32": "the result is always float32: return it in the input's dtype",
    "mistake:result_dtype_promoted": ("a float64 schedule promotes the result to float64: cast it back to the "
                                      "data's dtype"),
    # -- mistakes of specs/generative.py
    "mistake:swapped_real_fake_labels": ("the labels are swapped: the discriminator scores the real logits against "
                                         "1 and the fake ones against 0"),
    "mistake:one_mean_over_reals_and_fakes": ("one mean is taken over the reals and the fakes together: average each "
                                              "term over its own tensor, then add the two means"),
    "mistake:bce_on_sigmoid_probabilities": ("BCE is taken on sigmoid probabilities: the sigmoid rounds to 0 or 1 "
                                             "for a large logit and the log is clamped at -100; work on the logits, "
                                             "-log sigmoid(x) = softplus(-x)"),
    "mistake:log_of_sigmoid_overflows": ("log(sigmoid(x)) (or log(1 - sigmoid(x))) as written gives inf when the "
                                         "sigmoid rounds to 0 or 1: use -log sigmoid(x) = softplus(-x), computed "
                                         "stably (logsigmoid, softplus)"),
    "mistake:softplus_as_log_one_plus_exp": ("log(1 + exp(x)) overflows to inf for a large logit: use a stable "
                                             "softplus, max(x, 0) + log(1 + exp(-|x|))"),
    "mistake:unstable_log_sigmoid": ("-log sigmoid(x) is computed as written (the log of a sigmoid, or "
                                     "log(1 + exp(-x))), which gives inf for a very negative logit: use a stable "
                                     "softplus(-x) = max(-x, 0) + log(1 + exp(-|x|)), or logsigmoid"),
    "mistake:saturating_generator_loss": ("this is the saturating minimax loss mean log(1 - sigmoid(x)): the "
                                          "non-saturating generator loss is -mean log sigmoid(x), BCE against 1"),
    "mistake:generator_target_zero": ("the fakes are scored against 0, the discriminator's target: the generator "
                                      "wants them scored as real, BCE against 1"),
    "mistake:generator_loss_summed": "the loss is summed over the logits: it is their mean, as BCE's default",
    "mistake:multiplies_by_sqrt_alpha_bar": ("x_t - sqrt(1 - abar_t) eps is multiplied by sqrt(abar_t): divide by it, "
                                             "x0 = (x_t - sqrt(1 - abar_t) eps) / sqrt(abar_t)"),
    "mistake:swapped_roots": ("the two roots are swapped: x0 = (x_t - sqrt(1 - abar_t) eps) / sqrt(abar_t), the "
                              "forward process x_t = sqrt(abar_t) x0 + sqrt(1 - abar_t) eps solved for x0"),
    "mistake:t_as_python_number": ("t is used as one Python number (float(), if t > 0): it may also be a (B,) "
                                   "tensor of steps, one per batch item; index and mask with tensors"),
    "mistake:noise_added_at_t0": ("noise is added at t = 0: the last step returns the mean alone, sigma_0 = 0; "
                                  "add sqrt(beta_t) z only where t > 0"),
    "mistake:alpha_bar_for_alpha": ("the mean is divided by sqrt(abar_t): Algorithm 2 divides by sqrt(alpha_t), "
                                    "alpha_t = 1 - beta_t (abar_t only appears in the noise term's sqrt(1 - abar_t))"),
    "mistake:posterior_variance_for_beta": ("sigma_t^2 is the posterior variance (1 - abar_(t-1)) / (1 - abar_t) "
                                            "beta_t: this exercise takes sigma_t^2 = beta_t"),
    "mistake:noise_scaled_by_beta_not_sigma": "the noise is scaled by beta_t, a variance: its scale is sqrt(beta_t)",
    "mistake:posterior_mean_form_in_float32": ("the posterior-mean form, through x0, divides by 1 - abar_t and loses "
                                               "digits in float32 at early t: use Algorithm 2's form, or compute in "
                                               "float64"),
    "mistake:guidance_swapped": ("the guidance pushes the wrong way: eps_uncond + w (eps_cond - eps_uncond), so "
                                 "that w = 0 gives eps_uncond and w = 1 eps_cond"),
    "mistake:guidance_one_plus_w_convention": ("this is the (1 + w) convention, where w = 0 gives eps_cond: here "
                                               "eps_uncond + w (eps_cond - eps_uncond), w = 0 giving eps_uncond"),
    "mistake:scale_as_python_number": ("guidance_scale is used as one Python number: it may also be a (B,) tensor, "
                                       "one scale per batch item, to shape (B, 1, ..., 1)"),
    # -- mistakes of specs/optim.py
    "mistake:sgd_dampens_first_step": ("the first step is dampened: PyTorch starts the momentum buffer at the "
                                       "gradient itself, b = g, and dampens only later steps, "
                                       "b = momentum * b + (1 - dampening) * g"),
    "mistake:sgd_decoupled_weight_decay": ("weight decay is added to the step after the momentum (AdamW's decoupled "
                                           "decay): SGD adds it to the gradient first, g + weight_decay * p, and "
                                           "that sum enters the momentum buffer"),
    "mistake:nesterov_uses_old_buffer": ("Nesterov looks ahead along the buffer before its update: update it first, "
                                         "b = momentum * b + (1 - dampening) * g (b = g on the first step), then "
                                         "step along g + momentum * b with the new b"),
    "mistake:adam_eps_inside_sqrt": ("eps is added under the root: Adam divides by sqrt(v_hat) + eps, eps added "
                                     "after the square root of the bias-corrected second moment"),
    "mistake:adam_no_bias_correction": ("the moments are not bias-corrected: they start at zero, so step with "
                                        "m_hat = m / (1 - beta1^step) and v_hat = v / (1 - beta2^step), "
                                        "lr * m_hat / (sqrt(v_hat) + eps)"),
    "mistake:adam_returns_corrected_moments": ("the bias-corrected moments m_hat and v_hat are returned as the "
                                               "state: return the running averages m and v themselves (the next "
                                               "step corrects them with its own step count)"),
    "mistake:early_stopping_against_previous_epoch": ("each loss is compared with the previous epoch's: an epoch "
                                                      "improves when best - loss > min_delta, against the best loss "
                                                      "so far"),
    "mistake:early_stopping_one_epoch_late": ("training stops one epoch late: stop after the epoch that brings the "
                                              "count of epochs without improvement to `patience`, not patience + 1"),
    "mistake:early_stopping_tie_improves": ("a gain of exactly min_delta (for min_delta = 0, a loss equal to the "
                                            "best) counts as an improvement: only best - loss > min_delta, strictly, "
                                            "improves"),
    # -- mistakes of specs/init.py
    "mistake:weights_drawn_without_generator": ("the `generator` argument is ignored, so the numbers come from "
                                                "torch's global generator: pass generator=generator to the call "
                                                "that draws them"),
    "mistake:xavier_bound_is_normal_std": ("the bound is gain * sqrt(2 / (fan_in + fan_out)), the standard "
                                           "deviation of Xavier's normal version: U(-a, a) has variance a^2 / 3, "
                                           "so the uniform bound is a = gain * sqrt(6 / (fan_in + fan_out))"),
    "mistake:kaiming_ignores_mode": ("the mode is ignored: with mode='fan_out' the standard deviation is "
                                     "gain / sqrt(fan_out), fan_out being the number of rows of the "
                                     "(fan_out, fan_in) weight"),
    "mistake:leaky_relu_gain_ignores_slope": ("leaky_relu gets relu's gain sqrt(2), whatever its slope: its gain "
                                              "is sqrt(2 / (1 + a^2)), a being the negative slope"),
    "mistake:l2_penalty_forgets_half": ("the 1/2 is missing: the penalty is weight_decay / 2 * (sum of p^2 over "
                                        "every entry), whose gradient weight_decay * p is SGD's weight decay"),
    "mistake:l2_penalty_sums_norms": ("the norms of the tensors are added up: the penalty adds up the squares of "
                                      "every entry, weight_decay / 2 * (sum of p^2), the squared norms"),
    # -- mistakes of specs/augment.py
    "mistake:fliplr_reverses_dim_1": ("torch.fliplr reverses dim 1, the channels of a batch (N, C, H, W) and the "
                                      "rows of one image (C, H, W): mirror the last axis, the columns"),
    "mistake:negative_start_wraps": ("the window is sliced straight out of the image: a negative top or left "
                                     "counts from the far side in a Python slice, and a window beyond the border "
                                     "comes out smaller; the part outside the image must read as zeros"),
    "mistake:flipped_before_cropping": ("the whole image is mirrored before the window is cut: crop first, then "
                                        "mirror the window"),
    # -- mistakes of specs/autoencoders.py
    "mistake:sigma_through_variance": ("sigma is computed as sqrt(exp(logvar)), which overflows to inf where "
                                       "exp(logvar) does while sigma is finite: compute exp(logvar / 2)"),
    "mistake:variance_as_sigma": ("the noise is scaled by exp(logvar), the variance: sigma is its square root, "
                                  "exp(logvar / 2)"),
    "mistake:vae_loss_averaged": ("the loss is averaged (the cross-entropy over the pixels, the KL over the "
                                  "batch): the VAE's loss sums both over every element"),
    "mistake:kl_sign_flipped": ("the KL term's sign is flipped: KL = -1/2 * sum(1 + logvar - mu^2 - "
                                "exp(logvar)) is never negative"),
    "mistake:log_not_clamped": ("the logs are not clamped: log(0) is -inf, and 0 * -inf is NaN; clamp each log at "
                                "-100, as F.binary_cross_entropy does"),
    "mistake:decoder_without_sigmoid": ("the decoder does not end with a sigmoid, so its outputs leave [0, 1]: "
                                        "the images and the cross-entropy need values in [0, 1]"),
    "mistake:decoder_without_transposed_convolution": ("the decoder upsamples without nn.ConvTranspose2d: the "
                                                       "statement asks for transposed convolutions"),
    "mistake:latent_dim_hard_coded": ("the bottleneck has a fixed size: the encoder must end in latent_dim "
                                      "numbers and the decoder start from latent_dim"),
    # -- mistakes of specs/rl.py
    "mistake:done_applied_one_step_late": ("done is applied one step late: done_t ends the episode at step t, so "
                                           "G_t = r_t + gamma (1 - done_t) G_(t+1); the flag of step t + 1 must "
                                           "not cut G_t"),
    "mistake:returns_ignore_dones": ("the episode ends are ignored: where done_t is set, G_t = r_t, and the next "
                                     "episode's rewards must not flow back into the return"),
    "mistake:q_updates_all_at_once": ("the transitions are applied all at once, from the original table: apply "
                                      "them one after another, in order, each seeing the table as the previous "
                                      "updates left it (a pair seen twice, a next state just updated)"),
    "mistake:q_bootstraps_after_terminal": ("a terminal transition still bootstraps from the next state: where "
                                            "done is set, the target is r alone, not r + gamma max_a' Q[s', a']"),
    "mistake:ties_broken_towards_last": ("ties are broken towards the last action: the greedy action is the first "
                                         "of the tied maxima, as argmax gives it"),
    "mistake:explores_when_u_equals_epsilon": ("u equal to epsilon explores: exploit where u >= epsilon, explore "
                                               "only where u < epsilon"),
    "mistake:advantages_std_without_eps": ("the advantages are divided by their std alone, so equal returns give "
                                           "0 / 0 = NaN: divide by std + eps, eps being float32's machine epsilon"),
    "mistake:advantages_population_std": ("the advantages are standardised with the population std (divided by "
                                          "n): use the unbiased std (divided by n - 1), Tensor.std's default"),
    "mistake:baseline_after_normalizing": ("the returns are standardised before the baseline is subtracted: "
                                           "subtract it first, then standardise the advantages G - b"),
}

SUMMARY = "summary:"  # each exercise's one-line summary, under summary:<exercise id>


def summaries(exercises: Iterable[tuple[str, str]]) -> dict[str, str]:
    """The catalogue's entries for these (exercise id, English summary) pairs: the summary in a spec stays the
    source (``make generate`` copies it into ``autograder/listing.py``), its braces doubled so that ``say``
    gives it back as written (``G_{t+1}``)."""
    return {SUMMARY + exercise_id: text.replace("{", "{{").replace("}", "}}") for exercise_id, text in exercises}


def _listed_summaries() -> dict[str, str]:
    from autograder.listing import EXERCISES  # literals generated from the specs: no PyTorch to import

    return summaries((entry["id"], entry["summary"]) for entry in EXERCISES)


MESSAGES.update(_listed_summaries())


def summary(exercise_id: str) -> str:
    """The exercise's one-line summary in the language in force (``autograder list``, the students' README)."""
    return say(SUMMARY + exercise_id)


def say(key: str, **fields: object) -> str:
    """The catalogue's sentence ``key``, in the language in force (:mod:`autograder.core.language`)."""
    return translate(key, MESSAGES[key]).format(**fields)


def shown_status(status: str) -> str:
    """An exercise's status as a person reads it (``too slow``), in the language in force."""
    return say(f"status:{status}") if f"status:{status}" in MESSAGES else status.replace("_", " ")


def shown_submission_status(status: str) -> str:
    """A submission's status as a person reads it (``empty``), in the language in force; files keep the code."""
    key = f"submission_status:{status}"
    return say(key) if key in MESSAGES else status.replace("_", " ")


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
