"""Leaves a grandchild behind in a session of its own (double fork, setsid), hoping it outlives the
grading; it renames itself so that the test can look for it (starting a program is refused, so it stays
a copy of the worker). Then answers correctly."""
import os
import time

TOKEN = "ag-adv-orphan"


def _leave_orphan():
    if os.fork() == 0:
        os.setsid()
        if os.fork() == 0:
            try:  # a read-only /proc (inside bubblewrap) keeps its name: its PID namespace still ends it
                with open("/proc/self/comm", "w") as comm:
                    comm.write(TOKEN)
            except OSError:
                pass
            time.sleep(3600)
        os._exit(0)
    os.wait()


_leave_orphan()


def conv_output_size(input_size, kernel_size, stride=1, padding=0, dilation=1):
    if input_size < 1 or kernel_size < 1 or stride < 1 or dilation < 1:
        raise ValueError("sizes must be >= 1")
    if padding < 0:
        raise ValueError("padding must be >= 0")
    span = dilation * (kernel_size - 1) + 1
    if span > input_size + 2 * padding:
        raise ValueError("the kernel does not fit")
    return (input_size + 2 * padding - span) // stride + 1
