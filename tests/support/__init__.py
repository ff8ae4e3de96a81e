"""What the tests share, kept out of the test files: the generated class of the bulk tests (``classgen``),
the validators of the exports (``exports``), the hand-made gradebook results (``results``) and the text a
hostile student writes into them, with what a person would see of it (``hostile``).

``tests`` is on the import path (``pythonpath`` in pyproject.toml): a test imports these as
``from support import classgen``; ``benchmarks/bulk_speed.py`` and the gradebook tests' writer processes
put ``tests`` on their path themselves.
"""
