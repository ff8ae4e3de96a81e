"""The answer key's side of the grader: references written by hand, whose code is an answer.

One module per specification module, holding the references its specification names with
:func:`autograder.core.key.answer_key`. The student release never copies this package, and student workers
never see it (bubblewrap mounts an empty folder over it; the source screen refuses ``autograder`` imports).
"""
