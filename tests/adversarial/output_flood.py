"""Floods standard output and standard error with hundreds of megabytes."""
import sys

_CHUNK = "PASSED " * (1 << 17)


def conv_output_size(input_size, kernel_size, stride=1, padding=0, dilation=1):
    for _ in range(400):
        sys.stdout.write(_CHUNK)
        sys.stderr.write(_CHUNK)
    return 0
