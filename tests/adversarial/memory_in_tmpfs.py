"""Holds memory where a count of its processes' pages would not look: 700 MiB in shared-memory files
(/dev/shm, tmpfs) on top of 700 MiB in the process, against a 1 GiB bound. Answers right only if it
held all of it and was not stopped."""
import os
import time

_held = bytearray(700 << 20)
for start in range(0, len(_held), 4096):
    _held[start] = 1
_chunk = os.urandom(1 << 20) * 50
_hidden = 0
for index in range(14):  # files of 50 MiB: one file may not pass the file size limit
    try:
        with open(f"/dev/shm/ag-adv-tmpfs-{index}", "wb") as hidden:
            hidden.write(_chunk)
        _hidden += len(_chunk)
    except OSError:
        break
time.sleep(1.0)  # long enough for any watch to look


def conv_output_size(input_size, kernel_size, stride=1, padding=0, dilation=1):
    if _hidden < 700 << 20:
        return -1
    if input_size < 1 or kernel_size < 1 or stride < 1 or dilation < 1:
        raise ValueError("sizes must be >= 1")
    if padding < 0:
        raise ValueError("padding must be >= 0")
    span = dilation * (kernel_size - 1) + 1
    if span > input_size + 2 * padding:
        raise ValueError("the kernel does not fit")
    return (input_size + 2 * padding - span) // stride + 1
