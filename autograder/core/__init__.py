"""The trusted grading flow, in the order it runs.

``spec`` (what an exercise is) → ``grader`` (cases, references, one worker call per case) → ``compare``
(tolerances) → ``verdict`` (what a case's outcome means) → ``timing`` (the speed ratio) → ``result`` (the
object every export derives from). ``status`` is the one vocabulary of outcomes; ``messages`` every
sentence shown to a person. Nothing here runs student code.
"""
