"""Crashes the worker with a segmentation fault inside the call."""
import os
import signal


def conv_output_size(input_size, kernel_size, stride=1, padding=0, dilation=1):
    os.kill(os.getpid(), signal.SIGSEGV)
