"""Notebooks: handed in (``submission``: a notebook is the module its cells make, via ``cells``), generated
from the exercise modules (``generate``, ``docstrings``), and ``check()`` inside a running kernel (``check``)."""
