"""Every sentence the autograder says to a student or an instructor, in one place.

Keeping them here keeps the wording consistent between the terminal, the JSON result and the exports, and
gives translators one catalogue: the English here is the source, ``autograder/locale/fr/LC_MESSAGES/
autograder.po`` its French (each sentence under its key as gettext context), and ``say`` speaks the language
in force (:mod:`autograder.core.language`).
"""

from __future__ import annotations

import signal

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
    # classic mistakes (a spec's ``mistakes``), named where a student's outputs match one on every failing case
    # -- mistakes of specs/basics.py
    "mistake:softmax_ignores_dim": ("softmax is taken over the last dimension whatever `dim` says: normalise "
                                    "along `dim`, so that the values along it sum to 1"),
    "mistake:unbiased_variance": ("the variance is the unbiased one (divided by N - 1): normalisation layers "
                                  "divide by N"),
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
    # -- mistakes of specs/attention.py
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
    # -- mistakes of specs/diffusion.py
    # -- mistakes of specs/generative.py
    # -- mistakes of specs/optim.py
    # -- mistakes of specs/init.py
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
}


def say(key: str, **fields: object) -> str:
    """The catalogue's sentence ``key``, in the language in force (:mod:`autograder.core.language`)."""
    return translate(key, MESSAGES[key]).format(**fields)


def shown_status(status: str) -> str:
    """An exercise's status as a person reads it (``too slow``), in the language in force."""
    return say(f"status:{status}") if f"status:{status}" in MESSAGES else status.replace("_", " ")


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
