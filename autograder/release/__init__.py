"""What leaves the kit: the student release and the nbgrader course (``student``), with the reference answers
recorded on the public seed in place of withheld reference code (``recorded``); and what is generated from the
exercises for the kit itself (``regenerate``: notebooks, the README's table from ``catalogue``, the sample class)."""
