"""Notebooks: generated from the exercise modules (``generate``, ``docstrings``), graded as submissions
(``cells`` turns one into a module), and ``check()`` inside a running kernel (``check``)."""
