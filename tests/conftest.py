from __future__ import annotations

import pytest

from autograder.core.grader import Grader


@pytest.fixture(scope="session")
def grader():
    """One grader for the whole run: its trusted reference worker is started once."""
    with Grader(seed=0, device="cpu") as g:
        yield g
