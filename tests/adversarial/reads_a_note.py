"""Answers right only if a previous submission's note survived in shared memory or /tmp (a message passed
between students); otherwise answers wrongly."""


def _found():
    for place in ("/dev/shm/ag-adv-note", "/tmp/ag-adv-note"):
        try:
            with open(place) as note:
                if note.read() == "note":
                    return True
        except OSError:
            pass
    return False


_FOUND = _found()


def conv_output_size(input_size, kernel_size, stride=1, padding=0, dilation=1):
    if not _FOUND:
        return -1
    if input_size < 1 or kernel_size < 1 or stride < 1 or dilation < 1:
        raise ValueError("sizes must be >= 1")
    if padding < 0:
        raise ValueError("padding must be >= 0")
    span = dilation * (kernel_size - 1) + 1
    if span > input_size + 2 * padding:
        raise ValueError("the kernel does not fit")
    return (input_size + 2 * padding - span) // stride + 1
