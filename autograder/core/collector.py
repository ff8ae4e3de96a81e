"""Python's cyclic garbage collector while a kit process imports PyTorch.

The import makes some 400,000 objects that live as long as the process, and the collector walks them again and
again as they come: 1.1 s of the 7.5 s of CPU that importing PyTorch and torchvision takes here, in every
process that does (a fresh ``grade`` has three: the command, the runner, the reference worker). Each kit process
imports with the collector paused, then sets what it imported aside (``gc.freeze``): the collector never walks
those objects again, and a worker forked from the runner does not write to the pages it shares with the runner
to walk them. Garbage made during the imports is kept with them (a few cycles, nothing a submission adds).
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


def pause() -> bool:
    """Stop the collector; whether it was running."""
    was = gc.isenabled()
    gc.disable()
    return was


def resume(was: bool = True) -> None:
    """Set every object made so far aside for good, and start the collector again if it ran before."""
    gc.freeze()
    if was:
        gc.enable()


@contextmanager
def paused() -> Iterator[None]:
    """Imports (or a warm-up) inside run without the collector; what they made is then set aside."""
    was = pause()
    try:
        yield
    finally:
        resume(was)
