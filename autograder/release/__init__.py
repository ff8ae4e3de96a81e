"""What leaves the kit: the student release and the nbgrader course (``student``), with the reference answers
recorded on the public seed in place of withheld reference code (``recorded``)."""
