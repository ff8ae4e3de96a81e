"""Where student code runs, and how it is shut in.

``launcher`` (the grader's side: starts workers, talks to them, kills them) → ``runner`` (a warm process
that forks one ``worker`` per submission, under ``isolation``'s namespaces and limits) → ``worker`` (the
only process that runs student code; ``probes`` are its trusted drivers for model answers). ``protocol``
owns the wire format between them; ``screen`` refuses hostile source before any of it runs.
"""
