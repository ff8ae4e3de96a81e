"""Grading a whole class: ``discovery`` finds the submissions, ``bulk`` grades them in parallel into the
``gradebook``, and ``exports`` writes CSV, Gradescope, JUnit and Markdown from it."""
