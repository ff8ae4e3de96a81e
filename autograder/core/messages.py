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
    "nan_values": "{count} NaN values where the reference has none (first at index {index})",
    "subclass": "returned a {subclass}; return a plain torch.Tensor",
    "raised_instead": "expected {expected}, your function raised {type}: {message}",
    "probe_raised": "your code raised {type}: {message}",
    "held_out_accuracy": ("held-out accuracy {accuracy:.3f} ({correct} of {total} test images right): full points "
                          "from {full:g}, none at or below {none:g}"),
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
                       "train_lenet stay with your instructor)"),
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
    # -- mistakes of specs/train.py
    # -- mistakes of specs/transfer.py
    # -- mistakes of specs/rnn.py
    "mistake:gru_swapped_update_gate": ("the update gate is swapped: h' = (1 - z) * n + z * h keeps the old state "
                                        "where z is near 1"),
    # -- mistakes of specs/attention.py
    # -- mistakes of specs/nlp.py
    # -- mistakes of specs/embeddings.py
    # -- mistakes of specs/audio.py
    # -- mistakes of specs/diffusion.py
    # -- mistakes of specs/generative.py
    # -- mistakes of specs/optim.py
    # -- mistakes of specs/init.py
    # -- mistakes of specs/augment.py
    # -- mistakes of specs/autoencoders.py
    # -- mistakes of specs/rl.py
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
