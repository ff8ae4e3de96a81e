"""What a submission's files may be, for every reader of them (``grade`` and ``grade-all``'s discovery):
module names, and the bound on one file; and reading one without trusting what it is."""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

GRADABLE_SUFFIXES = (".py", ".ipynb")
MAX_FILE_BYTES = 8 << 20  # one module or notebook (notebooks keep their outputs, plots included)


def read_regular_file(file: Path, follow: bool = False, limit: int = MAX_FILE_BYTES) -> bytes:
    """The bytes of ``file`` if it is a regular file of at most ``limit`` bytes; ``OSError`` saying why not.
    Opened without blocking (a FIFO cannot hang us) and, unless ``follow``, without following a link."""
    flags = os.O_RDONLY | os.O_NONBLOCK | (0 if follow else os.O_NOFOLLOW)
    try:
        fd = os.open(file, flags)
    except OSError as err:
        if err.errno == errno.ELOOP:
            raise OSError(err.errno, "a symbolic link, not a file: not read") from None
        raise
    with os.fdopen(fd, "rb") as handle:
        mode = os.fstat(fd).st_mode
        if not stat.S_ISREG(mode):
            raise OSError(errno.EINVAL, "not a regular file (a FIFO, a device or a socket): not read")
        data = handle.read(limit + 1)
    if len(data) > limit:
        raise OSError(errno.EFBIG, f"larger than {limit >> 20} MiB: not read")
    return data
