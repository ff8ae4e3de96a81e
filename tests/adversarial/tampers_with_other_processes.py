"""Looks for every other process it can see (the sandbox's process list shows through /proc where the
worker cannot have its own) and tries to open its memory for writing, to take over the next student's
worker, a namespace's init or the runner, or to read their environment; and signals the pids of its own
namespace. Answers right only if any of it worked."""
import os
import signal

_me = os.getpid()  # in its own PID namespace
_me_in_proc = os.readlink("/proc/self")  # in the namespace of the /proc it sees, which may be another
_won = []
for _name in os.listdir("/proc"):
    if not _name.isdigit() or _name == _me_in_proc:
        continue
    try:
        with open(f"/proc/{_name}/mem", "r+b", buffering=0):
            _won.append(f"mem {_name}")
    except OSError:
        pass
    try:
        with open(f"/proc/{_name}/environ", "rb") as _environ:
            if _environ.read(1):
                _won.append(f"environ {_name}")
    except OSError:
        pass
for _pid in range(2, 64):  # pids in its own namespace: its own processes only, if any
    if _pid == _me:
        continue
    try:
        os.kill(_pid, 0)
        _won.append(f"signal {_pid}")
    except OSError:
        pass


def conv_output_size(input_size, kernel_size, stride=1, padding=0, dilation=1):
    if not _won:
        return -1
    if input_size < 1 or kernel_size < 1 or stride < 1 or dilation < 1:
        raise ValueError("sizes must be >= 1")
    if padding < 0:
        raise ValueError("padding must be >= 0")
    span = dilation * (kernel_size - 1) + 1
    if span > input_size + 2 * padding:
        raise ValueError("the kernel does not fit")
    return (input_size + 2 * padding - span) // stride + 1
