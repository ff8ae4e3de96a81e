"""Grading a whole class: ``discovery`` finds the submissions, ``bulk`` runs them (``options`` says how, and
fingerprints the engine; ``pool`` grades them in local processes, ``cluster`` on Dask) into the ``gradebook``,
and ``exports`` writes CSV, Gradescope, JUnit and Markdown from it; with ``--nbgrader``, ``nbgrader_gradebook``
writes the points into an nbgrader course's own gradebook."""
