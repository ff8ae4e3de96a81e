"""Where student code runs, and how it is shut in.

``launcher`` (the grader's side: starts workers, talks to them, kills them) → ``runner`` (a warm process
that forks one ``worker`` per submission, under ``isolation``'s limits, in ``namespaces`` of its own, in a
control group from ``cgroups``, behind a ``seccomp`` filter) → ``worker`` (the only process that runs
student code, with the exercise's forbidden operators made unusable by ``forbid`` and only screened
sources importable through ``imports``; ``probes`` are its trusted drivers for model answers).
``protocol`` owns the wire format between them; ``screen`` refuses hostile source before any of it runs.
"""
