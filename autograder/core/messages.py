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
