"""A chain of 40 processes, each in a session of its own, each parent exiting as soon as its child is
started, so that the last one (renamed, for the test to find) hangs below nothing the worker knows. Then
answers correctly."""
import os
import time

TOKEN = "ag-adv-orphan"


def _chain(depth):
    if os.fork() != 0:
        return
    for _ in range(depth):
        os.setsid()
        if os.fork() != 0:
            os._exit(0)
    try:  # a read-only /proc (inside bubblewrap) keeps its name: its PID namespace still ends it
        with open("/proc/self/comm", "w") as comm:
            comm.write(TOKEN)
    except OSError:
        pass
    time.sleep(3600)
    os._exit(0)


_chain(40)
time.sleep(0.5)


def conv_output_size(input_size, kernel_size, stride=1, padding=0, dilation=1):
    if input_size < 1 or kernel_size < 1 or stride < 1 or dilation < 1:
        raise ValueError("sizes must be >= 1")
    if padding < 0:
        raise ValueError("padding must be >= 0")
    span = dilation * (kernel_size - 1) + 1
    if span > input_size + 2 * padding:
        raise ValueError("the kernel does not fit")
    return (input_size + 2 * padding - span) // stride + 1
